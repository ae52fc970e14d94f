// One load connection on a plain TCP socket speaking HTTP/1.1: the lean path for http:// targets. One request at a
// time, written as one pre-encoded buffer; the response is framed, not materialised (http1ResponseParser.ts).
// Measured against nginx with 50 keep-alive connections, this costs ~25% less CPU per request than undici's
// Client.dispatch with a lean handler, and brings requests/s to wrk's (see `npm run bench`).
import { Socket, type SocketConstructorOpts } from 'node:net';
import type { ConnectionContext, LoadConnection } from './connection';
import { ConnectTimeoutError, PeerClosedError, ResponseTimeoutError } from './errorClassification';
import { encodeHttp1Request } from './http1Request';
import { Http1ResponseParser, type ResponseEvents } from './http1ResponseParser';
import { MeasuredConnection } from './measuredConnection';
import type { ShareSetup } from './workerMessages';

interface SharedSetup {
  /** The request's bytes: one buffer, or the head and a large body (see encodeHttp1Request). */
  request: Buffer[];
  requestLength: number;
  /** False: a new connection per request, whatever the server answers to `Connection: close`. */
  keepAlive: boolean;
  bodyLength: number;
  expectBody: boolean;
  host: string;
  port: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
}

/** Which connection a socket belongs to; cleared when the connection lets the socket go, so late events are ignored. */
const owner = Symbol('owner');
/** The connection that made the socket and takes it back, closed, to connect it again. */
const home = Symbol('home');
/** A socket left for the server to close: the connection that waits for it, and since when (epoch ms). */
const closingFor = Symbol('closingFor');
const closingSince = Symbol('closingSince');
type OwnedSocket = Socket & {
  [owner]?: SocketConnection;
  [home]: SocketConnection;
  [closingFor]?: SocketConnection;
  [closingSince]?: number;
};

/** Bytes that always fit one TCP segment (Ethernet MSS less options, with room to spare). */
const SMALLEST_COMMON_MSS = 1200;

/** A server that says `Connection: close` but keeps the socket open gets this long before we close it. */
const SERVER_CLOSE_WAIT_MS = 1000;

/**
 * Every socket of the thread reads into this one buffer, handed straight to the parser: no Buffer per read and no
 * stream 'data' machinery (measured: ~15% less CPU per keep-alive request). Safe because each read is parsed
 * synchronously and the parser copies the rare bytes it must keep.
 */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

// Module-level listeners: a socket per request (no keep-alive) must not cost a closure per event.
function onSocketConnect(this: OwnedSocket): void {
  this[owner]?.onConnected();
}
function onSocketEnd(this: OwnedSocket): void {
  this[owner]?.onEnd();
  // The server closed first, as asked: close() now sends our FIN, without the shutdown() Node would add first.
  if (this[closingFor]) this.destroy();
}
function onSocketError(this: OwnedSocket, err: Error): void {
  this[owner]?.onError(err);
}
function onSocketClose(this: OwnedSocket): void {
  this[owner]?.onClose();
  this[owner] = undefined;
  this[closingFor]?.closing.delete(this);
  this[closingFor] = undefined;
  this[home].recycle(this);
}
function onSocketDrain(this: OwnedSocket): void {
  this[owner]?.onDrained();
}

/**
 * Connections that need a new socket, connected together once this turn's I/O is handled (setImmediate). On
 * loopback connect() runs the whole handshake and wakes the server inside the call; issued in the middle of a batch
 * of reads, each one wakes the server for a single connection. Batched, against nginx with 50 connections and no
 * keep-alive: a bare client 28k → 36k req/s (35 → 27 µs of CPU per request), this one 24k → 34k (44 → 31 µs); ab
 * 40k. Against python http.server's listen(5) it overflows the accept queue as often as ab does (~290 times per
 * 3,000 requests; 250 before).
 */
let connectBatch: SocketConnection[] = [];
function connectBatched(): void {
  const batch = connectBatch;
  connectBatch = [];
  for (const connection of batch) connection.connectNow();
}

export class SocketConnection extends MeasuredConnection implements ResponseEvents {
  static factory(setup: ShareSetup, ctx: ConnectionContext): () => LoadConnection {
    const request = encodeHttp1Request(setup);
    const shared: SharedSetup = {
      request,
      requestLength: request.reduce((sum, part) => sum + part.length, 0),
      keepAlive: setup.keepAlive,
      bodyLength: setup.body?.byteLength ?? 0,
      expectBody: setup.method !== 'HEAD',
      host: setup.connectAddress,
      port: Number(new URL(setup.origin).port || 80),
      connectTimeoutMs: setup.connectTimeoutMs,
      responseTimeoutMs: setup.responseTimeoutMs,
    };
    return () => new SocketConnection(ctx, shared);
  }

  private socket: OwnedSocket | undefined;
  private readonly parser = new Http1ResponseParser(this);
  /** Set by the parser inside execute(); acted on after it returns, so the next request never starts mid-parse. */
  private responseComplete = false;
  private responseKeepAlive = true;
  /** The request is not all written yet (a large body the server has not read). */
  private writing = false;
  /**
   * Sockets whose response said `Connection: close`, left open until the server's FIN (Node then closes its side).
   * Closing first ourselves would leave each in TIME_WAIT on our side, and connect() slows down walking those
   * ports: measured ~20% more CPU per request without keep-alive. ab and wrk let the server close first too.
   */
  readonly closing = new Set<OwnedSocket>();
  /**
   * Closed sockets, ready to connect again (Node allows connect() after 'close'). Without keep-alive this skips
   * building a socket, its stream state and its listeners per request: measured ~20% less CPU per request.
   */
  private readonly spare: OwnedSocket[] = [];
  private retired = false;
  /** In connectBatch, waiting for its connect. */
  private connectQueued = false;
  /** The request's clock starts at its connect (closed model), not when it was queued for one. */
  private clockFromConnect = false;
  /** When the read being handled began to be handled: the time of its response's head and end (headersReceived). */
  private readAt = 0;

  private constructor(
    ctx: ConnectionContext,
    private readonly shared: SharedSetup,
  ) {
    super(ctx);
  }

  send(intendedStart?: number): void {
    const now = this.beginRequest(intendedStart);
    this.responseComplete = false;
    this.parser.expectResponse(this.shared.expectBody);
    if (this.socket && this.socketOpen) this.write();
    else this.openSocket(now, intendedStart === undefined);
  }

  enforceTimeouts(now: number): void {
    for (const socket of this.closing) {
      if (now - socket[closingSince]! > SERVER_CLOSE_WAIT_MS) {
        this.closing.delete(socket);
        socket.destroy();
      }
    }
    if (this.state === 'idle') return;
    if (this.state === 'connecting') {
      if (now - this.connectStart > this.shared.connectTimeoutMs) this.fail(new ConnectTimeoutError(this.shared.connectTimeoutMs));
    } else if (now - this.requestStart > this.shared.responseTimeoutMs) {
      this.fail(new ResponseTimeoutError(this.shared.responseTimeoutMs));
    }
  }

  destroy(): Promise<void> {
    this.cancelBackoff();
    this.retired = true;
    this.spare.length = 0;
    this.releaseSocket();
    for (const socket of this.closing) socket.destroy();
    this.closing.clear();
    return Promise.resolve();
  }

  private openSocket(now: number, clockFromConnect: boolean): void {
    this.releaseSocket();
    this.state = 'connecting';
    this.connectStart = now;
    this.clockFromConnect = clockFromConnect;
    if (this.connectQueued) return;
    this.connectQueued = true;
    if (connectBatch.push(this) === 1) setImmediate(connectBatched);
  }

  /** Connects a queued connection (see connectBatch), unless it failed, was stopped or retired meanwhile. */
  connectNow(): void {
    this.connectQueued = false;
    if (this.retired || this.state !== 'connecting' || this.socket) return;
    const now = this.ctx.now();
    this.connectStart = now;
    if (this.clockFromConnect) this.requestStart = now;
    const socket = this.spare.pop() ?? this.newSocket();
    socket[owner] = this;
    this.socket = socket;
    socket.connect(this.shared.port, this.shared.host);
  }

  private newSocket(): OwnedSocket {
    // The connection owns the socket while it is its current one: a field compare per read, where looking up
    // socket[owner] on a Node socket (whose shape changes as it connects and closes) is a megamorphic load.
    const socket = new Socket({
      onread: {
        buffer: readBuffer,
        callback: (length: number) => {
          if (this.socket === socket) this.onData(length);
          return true;
        },
      },
    } as SocketConstructorOpts) as OwnedSocket;
    socket[home] = this;
    // No TCP keep-alive probes: every socket is busy for the whole run. Nagle only delays the tail of a write
    // while earlier segments are unacknowledged, so only a request larger than a segment turns it off (one
    // setsockopt less per connect for the rest). Kept across reconnects.
    if (this.shared.requestLength > SMALLEST_COMMON_MSS) socket.setNoDelay(true);
    socket.on('connect', onSocketConnect);
    socket.on('end', onSocketEnd);
    socket.on('error', onSocketError);
    socket.on('close', onSocketClose);
    return socket;
  }

  /** A socket of ours has closed: keep it for the next connect. */
  recycle(socket: OwnedSocket): void {
    if (!this.retired) this.spare.push(socket);
  }

  /** Lets the socket go: its later events are ignored, and it is closed now. */
  private releaseSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    if (this.writing) {
      // Part of a large request may have left; the rest is still in Node's buffer.
      if (!this.ctx.stopped) this.ctx.recorder.bytesWritten += Math.max(0, this.shared.requestLength - socket.writableLength);
      this.writing = false;
      socket.off('drain', onSocketDrain);
    }
    socket[owner] = undefined;
    this.socket = undefined;
    this.socketOpen = false;
    socket.destroy();
  }

  /** Hands the socket over to the server's close (see `closing`); the connection is free at once. */
  private letServerClose(): void {
    const socket = this.socket!;
    socket[owner] = undefined;
    this.socket = undefined;
    this.socketOpen = false;
    socket[closingFor] = this;
    socket[closingSince] = this.ctx.now();
    this.closing.add(socket);
  }

  private write(): void {
    this.state = 'send';
    const socket = this.socket!;
    let flushed: boolean;
    if (this.shared.request.length === 1) {
      flushed = socket.write(this.shared.request[0]);
    } else {
      // Head and large body leave together (one writev), without copying the body.
      socket.cork();
      socket.write(this.shared.request[0]);
      flushed = socket.write(this.shared.request[1]);
      socket.uncork();
    }
    // A request larger than the socket buffer (a big body) is still being sent until 'drain'; its bytes count as
    // they leave (here, at 'drain', or what had left when it failed).
    if (flushed) {
      this.ctx.recorder.bytesWritten += this.shared.requestLength;
      this.state = 'wait-headers';
    } else {
      this.writing = true;
      this.socket!.once('drain', onSocketDrain);
    }
  }

  // --- socket events (through the module-level listeners) ---

  onConnected(): void {
    this.connectEstablished();
    if (!this.ctx.stopped) this.write();
  }

  onDrained(): void {
    if (!this.writing) return;
    this.writing = false;
    if (!this.ctx.stopped) this.ctx.recorder.bytesWritten += this.shared.requestLength;
    if (this.state === 'send') this.state = 'wait-headers';
  }

  /** `length` new bytes are at the start of readBuffer. */
  onData(length: number): void {
    // Every byte that crossed the socket: status line, headers, body, and bytes nobody asked for.
    if (!this.ctx.stopped) this.ctx.recorder.bytesRead += length;
    if (this.state === 'idle' || this.state === 'connecting') {
      // Bytes nobody asked for: the connection is out of step with the server; start the next request afresh.
      this.releaseSocket();
      return;
    }
    this.readAt = this.ctx.now();
    let consumed: number;
    try {
      consumed = this.parser.execute(readBuffer, length);
    } catch (err) {
      this.fail(err as Error);
      return;
    }
    if (!this.responseComplete) return;
    // The next request gets a new connection after extra bytes, a server that closes (we let it close first), or
    // when we asked for close and the server kept the connection open anyway (then we close it).
    // A server that answers before reading the whole body gets a new connection for the next request: the rest of
    // this body must not be read as the next request, nor the next request wait behind it.
    if (consumed < length || this.writing) this.releaseSocket();
    else if (!this.responseKeepAlive) this.letServerClose();
    else if (!this.shared.keepAlive) this.releaseSocket();
    this.completeRequest(this.readAt);
  }

  onEnd(): void {
    if (this.state === 'idle' || this.state === 'connecting') {
      // A keep-alive connection the server closed between requests: the next request reconnects.
      this.releaseSocket();
      return;
    }
    this.parser.finish();
    if (this.responseComplete) {
      this.releaseSocket();
      this.completeRequest();
      return;
    }
    const where = this.state === 'read-body' ? 'in the middle of the response body' : 'before sending a response';
    this.fail(new PeerClosedError(where));
  }

  onError(err: Error): void {
    if (this.state === 'idle') {
      this.releaseSocket();
      return;
    }
    this.fail(err);
  }

  onClose(): void {
    this.socketOpen = false;
    this.socket = undefined;
  }

  // --- parser events ---

  onHead(status: number): void {
    this.headersReceived(status, this.readAt);
  }

  onBodyBytes(count: number): void {
    this.bodyBytes += count;
  }

  onComplete(keepAlive: boolean): void {
    this.responseComplete = true;
    this.responseKeepAlive = keepAlive;
  }

  private fail(err: Error): void {
    const wasConnecting = this.state === 'connecting';
    this.releaseSocket();
    if (!this.countFailure(err)) return;
    if (wasConnecting) this.ctx.recorder.connectsFailed++;
    this.idleAfterFailure(err);
  }
}
