// One load connection over undici, for TLS and HTTP/2: one undici Client (one socket at a time), one request at a
// time, the connection itself as undici's handler: no Pool, no Response objects, no per-request closures.
import type { Client as UndiciClient, buildConnector as UndiciBuildConnector, Dispatcher } from 'undici';
import type { Socket } from 'node:net';
import type { ConnectionContext, LoadConnection } from './connection';
import { ResponseTimeoutError } from './errorClassification';
import { MeasuredConnection } from './measuredConnection';
import type { ShareSetup } from './workerMessages';

// Only the two parts of undici a load thread uses. Its index also loads fetch, WebSocket, cookies and caches:
// measured ~70 ms of CPU per thread at start, which a short run pays in its CPU per request.
const Client = require('undici/lib/dispatcher/client.js') as typeof UndiciClient;
const buildConnector = require('undici/lib/core/connect.js') as typeof UndiciBuildConnector;

export class UndiciConnection extends MeasuredConnection {
  static factory(setup: ShareSetup, ctx: ConnectionContext): () => LoadConnection {
    const request: Dispatcher.DispatchOptions = {
      path: setup.path,
      method: setup.method as Dispatcher.HttpMethod,
      // The flat [name, value, ...] form: undici reads it without an Object.keys() per request.
      headers: Object.entries(setup.headers).flat(),
      body: setup.body ? Buffer.from(setup.body.buffer, setup.body.byteOffset, setup.body.byteLength) : undefined,
      // reset: true sends `Connection: close` and opens a new TCP connection for the next request (ab without -k).
      reset: !setup.keepAlive,
      blocking: false,
    };
    return () => new UndiciConnection(ctx, request, setup);
  }

  private readonly client: UndiciClient;
  private abortRequest: ((err?: Error) => void) | undefined;
  /** The socket of a connect in progress: undici does not know it yet, so a stop must close it itself. */
  private connectingSocket: Socket | undefined;
  private connectCallback: Parameters<UndiciBuildConnector.connector>[1] | undefined;

  private readonly responseTimeoutMs: number;
  /** The established socket, and how many of its bytes were counted already. */
  private socket: Socket | undefined;
  private countedRead = 0;
  private countedWritten = 0;

  private constructor(
    ctx: ConnectionContext,
    private readonly request: Dispatcher.DispatchOptions,
    setup: ShareSetup,
  ) {
    super(ctx);
    this.responseTimeoutMs = setup.responseTimeoutMs;
    const baseConnector = buildConnector({
      timeout: setup.connectTimeoutMs,
      rejectUnauthorized: !setup.insecure,
      allowH2: setup.http2,
      // undici falls back to this when the Client has none, so each connect needs no options copy.
      servername: setup.servername,
      // Nagle off, like every load tool: small requests must not wait for ACKs.
      noDelay: true,
      // No TCP keep-alive probes: every socket is busy for the whole run. undici would otherwise set four socket
      // options twice per connection (8 syscalls), which shows when each request opens a connection.
      keepAlive: false,
    } as UndiciBuildConnector.BuildOptions);
    const connector: UndiciBuildConnector.connector = (options, callback) => {
      this.onConnectStart();
      this.connectCallback = callback;
      const socket = baseConnector(options, this.onConnected);
      this.connectingSocket = socket as unknown as Socket;
      return socket;
    };
    this.client = new Client(setup.origin, {
      connect: connector,
      // One request at a time. (pipelining: 2 would skip undici's setImmediate before each reuse of a keep-alive
      // socket, as we never queue a second request; measured side by side it cost CPU rather than saving it.)
      pipelining: 1,
      allowH2: setup.http2,
      // No undici timers per request or per socket: onTick's abortIfOlderThan enforces the response timeout.
      headersTimeout: 0,
      bodyTimeout: 0,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      // Keep-alive stays on the socket until the run ends; a server's own close is handled by reconnecting.
      keepAliveTimeoutThreshold: 0,
    });
    // Connection-level errors are also delivered to the request's handler; this keeps EventEmitter quiet.
    this.client.on('connectionError', () => {});
  }

  send(intendedStart?: number): void {
    this.beginRequest(intendedStart);
    this.state = 'send';
    this.abortRequest = undefined;
    this.client.dispatch(this.request, this);
  }

  enforceTimeouts(now: number): void {
    // undici enforces the connect timeout itself.
    const active = this.state !== 'idle' && this.state !== 'connecting';
    if (active && now - this.requestStart > this.responseTimeoutMs && this.abortRequest) {
      this.abortRequest(new ResponseTimeoutError(this.responseTimeoutMs));
    }
  }

  destroy(): Promise<void> {
    this.cancelBackoff();
    this.connectingSocket?.destroy();
    return this.client.destroy().catch(() => undefined);
  }

  private onConnectStart(): void {
    this.connectStart = this.ctx.now();
    // undici may reconnect on its own after an aborted request; only a connect for our request makes us busy.
    if (this.state !== 'idle') this.state = 'connecting';
  }

  // Bound once: a connection may open a socket per request, and these run for each one.
  private readonly onConnected = (err: Error | null, socket: unknown): void => {
    this.connectingSocket = undefined;
    this.onConnectEnd(err, socket as Socket | null);
    const callback = this.connectCallback!;
    this.connectCallback = undefined;
    callback(err as Error, socket as never);
  };

  private readonly onSocketClose = (): void => {
    this.countSocketBytes();
    this.socketOpen = false;
    this.socket = undefined;
  };

  /** Counts what crossed the socket since the last count: request and response heads, bodies, TLS records. */
  private countSocketBytes(): void {
    const socket = this.socket;
    if (!socket || this.ctx.stopped) return;
    const read = socket.bytesRead;
    const written = socket.bytesWritten - socket.writableLength;
    this.ctx.recorder.bytesRead += read - this.countedRead;
    this.ctx.recorder.bytesWritten += Math.max(0, written - this.countedWritten);
    this.countedRead = read;
    this.countedWritten = Math.max(this.countedWritten, written);
  }

  private readonly onSocketDrain = (): void => {
    this.countSocketBytes();
    if (this.state === 'send') this.state = 'wait-headers';
  };

  private onConnectEnd(err: Error | null, socket: Socket | null): void {
    if (this.ctx.stopped) return;
    if (err || !socket) {
      this.ctx.recorder.connectsFailed++;
      return;
    }
    if (this.state === 'connecting') this.state = 'send';
    this.socket = socket;
    this.countedRead = 0;
    this.countedWritten = 0;
    socket.on('close', this.onSocketClose);
    this.connectEstablished();
  }

  // --- undici DispatchHandler (the legacy form is the one undici runs without wrapping) ---

  onConnect(abort: (err?: Error) => void): void {
    this.abortRequest = abort;
  }

  onRequestSent(): void {
    this.countSocketBytes();
    if (this.state !== 'send') return;
    // undici calls this once the body is handed to the socket; a server that does not read it leaves it queued,
    // and the request is still being sent (the phase the sockets client reports too).
    const socket = this.socket;
    if (socket && socket.writableLength > 0) socket.once('drain', this.onSocketDrain);
    else this.state = 'wait-headers';
  }

  onHeaders(statusCode: number): boolean {
    this.countSocketBytes();
    if (statusCode < 200) return true; // 1xx: the final response is still to come
    this.headersReceived(statusCode);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bodyBytes += chunk.length;
    this.countSocketBytes();
    return true;
  }

  onComplete(): void {
    this.countSocketBytes();
    this.socket?.off('drain', this.onSocketDrain);
    if (!this.ctx.stopped) this.completeRequest();
  }

  onError(err: Error): void {
    this.countSocketBytes();
    this.socket?.off('drain', this.onSocketDrain);
    if (this.ctx.stopped || !this.countFailure(err)) return;
    // Let undici finish unwinding the failed socket before the next request goes out; wait longer when the
    // machine is out of descriptors or ports.
    this.idleAfterFailure(err);
  }
}
