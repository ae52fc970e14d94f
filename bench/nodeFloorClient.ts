// What Node itself allows without keep-alive: a bare client that connects, sends one request, reads until the server
// closes and connects again, on `connections` connections for `seconds`. It parses, times and records nothing; it
// does what our engine does per connection (a reused net.Socket, one static read buffer, connects batched after the
// turn's reads) and nothing more. The bench runs it next to ab, so that our ratio to ab can be read against the
// ratio Node's own per-connection cost allows on the same machine, in the same run.
//
// `internal` does the same on Node's internal TCP handle (process.binding('tcp_wrap')), below net.Socket and its
// streams: evidence of how much of that cost is net's, never used by the product (undocumented; its read and write
// conventions have changed between Node versions).
//
//   node out/nodeFloorClient.js URL CONNECTIONS SECONDS net|internal   →   one JSON line on stdout
import { Socket, type SocketConstructorOpts } from 'node:net';

type Variant = 'net' | 'internal';

interface FloorResult {
  variant: Variant;
  /** Responses read to the server's close: at least one byte, then end of stream. */
  responses: number;
  errors: number;
  seconds: number;
  /** Set instead of the counts when this Node has no usable internal TCP handle. */
  unavailable?: string;
}

const [urlText, connectionsText, secondsText, variantText] = process.argv.slice(2);
const url = URL.canParse(urlText ?? '') ? new URL(urlText) : refuse(`not a URL: ${urlText}`);
const connections = Number(connectionsText);
const seconds = Number(secondsText);
const variant = variantText as Variant;
function refuse(line: string): never {
  process.stderr.write(`nodeFloorClient: ${line}\n`);
  process.exit(2);
}
if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  refuse(`loads loopback http:// only, not ${urlText}`);
}
if (!(connections > 0 && seconds > 0) || (variant !== 'net' && variant !== 'internal')) {
  refuse('usage: nodeFloorClient URL CONNECTIONS SECONDS net|internal');
}
const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
const port = Number(url.port || 80);
const request = Buffer.from(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
const readBuffer = Buffer.allocUnsafe(64 * 1024);

let responses = 0;
let errors = 0;
let stopped = false;

/** As in the engine (socketConnection.ts, connectBatch): connects issued together after the turn's reads. */
let batch: Array<() => void> = [];
function connectSoon(connect: () => void): void {
  if (stopped) return;
  if (batch.push(connect) === 1) setImmediate(connectBatch);
}
function connectBatch(): void {
  const due = batch;
  batch = [];
  for (const connect of due) connect();
}

function startNetClient(): void {
  for (let i = 0; i < connections; i++) {
    let received = 0;
    const socket = new Socket({
      onread: { buffer: readBuffer, callback: (length: number) => ((received += length), true) },
    } as SocketConstructorOpts);
    const connect = () => {
      received = 0;
      socket.connect(port, host);
    };
    socket.on('connect', () => socket.write(request));
    socket.on('end', () => {
      if (received > 0) responses++;
      else errors++;
      socket.destroy();
    });
    socket.on('error', () => errors++);
    // Node allows connect() again after 'close': one socket object per connection, as the engine keeps.
    socket.on('close', () => connectSoon(connect));
    connectSoon(connect);
  }
}

/** The slice of Node's internal stream binding this uses; checked before use, since nothing documents it. */
interface InternalBindings {
  TCP: new (type: number) => InternalHandle;
  TCPConnectWrap: new () => { oncomplete?: (status: number, handle: InternalHandle) => void };
  tcpSocketType: number;
  WriteWrap: new () => { handle?: InternalHandle; oncomplete?: () => void; async?: boolean };
  readResult: Int32Array;
  readResultIndex: number;
}
interface InternalHandle {
  onread: (this: InternalHandle) => void;
  useUserBuffer(buffer: Buffer): void;
  connect(req: object, address: string, port: number): number;
  writeBuffer(req: object, data: Buffer): number;
  readStart(): number;
  close(callback: () => void): void;
}

function internalBindings(): InternalBindings | string {
  try {
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding;
    const tcp = binding('tcp_wrap') as { TCP?: unknown; TCPConnectWrap?: unknown; constants?: { SOCKET?: number } };
    const stream = binding('stream_wrap') as { WriteWrap?: unknown; streamBaseState?: unknown; kReadBytesOrError?: number };
    const handle = typeof tcp.TCP === 'function' ? (tcp.TCP as { prototype: Record<string, unknown> }).prototype : {};
    const methods = ['useUserBuffer', 'connect', 'writeBuffer', 'readStart', 'close'];
    if (
      typeof tcp.TCPConnectWrap !== 'function' ||
      typeof tcp.constants?.SOCKET !== 'number' ||
      typeof stream.WriteWrap !== 'function' ||
      !(stream.streamBaseState instanceof Int32Array) ||
      typeof stream.kReadBytesOrError !== 'number' ||
      !methods.every((name) => typeof handle[name] === 'function')
    ) {
      return `Node ${process.version}'s internal TCP handle has another shape`;
    }
    return {
      TCP: tcp.TCP as InternalBindings['TCP'],
      TCPConnectWrap: tcp.TCPConnectWrap as InternalBindings['TCPConnectWrap'],
      tcpSocketType: tcp.constants.SOCKET,
      WriteWrap: stream.WriteWrap as InternalBindings['WriteWrap'],
      readResult: stream.streamBaseState,
      readResultIndex: stream.kReadBytesOrError,
    };
  } catch (err) {
    return `Node ${process.version} has no internal TCP handle to bind (${(err as Error).message})`;
  }
}

function startInternalClient(bindings: InternalBindings): void {
  const { TCP, TCPConnectWrap, WriteWrap, readResult, readResultIndex, tcpSocketType } = bindings;
  for (let i = 0; i < connections; i++) {
    let received = 0;
    const connect = () => {
      received = 0;
      // A handle cannot be connected again once closed: a new one per connect, as net.Socket makes internally.
      const handle = new TCP(tcpSocketType);
      handle.useUserBuffer(readBuffer);
      handle.onread = function onRead(this: InternalHandle) {
        const length = readResult[readResultIndex];
        if (length > 0) {
          received += length;
          return;
        }
        // 0 or a negative libuv code: end of stream (UV_EOF) or an error.
        if (received > 0 && length === EOF) responses++;
        else errors++;
        this.close(() => connectSoon(connect));
      };
      const connecting = new TCPConnectWrap();
      connecting.oncomplete = (status) => {
        if (status !== 0) {
          errors++;
          handle.close(() => connectSoon(connect));
          return;
        }
        const writing = new WriteWrap();
        writing.handle = handle;
        writing.oncomplete = () => {};
        writing.async = false;
        handle.writeBuffer(writing, request);
        handle.readStart();
      };
      if (handle.connect(connecting, host, port) !== 0) {
        errors++;
        handle.close(() => connectSoon(connect));
      }
    };
    connectSoon(connect);
  }
}

/** libuv's UV_EOF (-4095 on every platform libuv supports). */
const EOF = -4095;

function finish(result: FloorResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

if (variant === 'internal') {
  const bindings = internalBindings();
  if (typeof bindings === 'string') finish({ variant, responses: 0, errors: 0, seconds: 0, unavailable: bindings });
  else startInternalClient(bindings);
} else {
  startNetClient();
}
const startedAt = performance.now();
setTimeout(() => {
  stopped = true;
  finish({ variant, responses, errors, seconds: (performance.now() - startedAt) / 1000 });
}, seconds * 1000);
