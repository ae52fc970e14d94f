// What a share needs of one load connection, whichever HTTP client drives it, and the choice between the two:
// plain-TCP HTTP/1.1 goes through lean sockets (socketConnection.ts), TLS and HTTP/2 through undici
// (undiciConnection.ts). Both measure the same points and classify errors the same way.
import type { IntervalRecorder } from './intervalRecorder';
import { SocketConnection } from './socketConnection';
import type { ShareSetup } from './workerMessages';

export interface LoadConnection {
  /** A request is in progress (connecting counts). */
  readonly busy: boolean;
  /** In the TCP (or TLS) handshake for the current request. */
  readonly connecting: boolean;
  /** Has an established socket. */
  readonly open: boolean;
  /** How long the current connect attempt has been going (ms), for starved connections at stop. */
  connectingForMs(now: number): number;
  /** Sends one request. `intendedStart` (open model) makes latency count from when it should have been sent. */
  send(intendedStart?: number): void;
  /** Fails a request that has run past the response timeout (an endless body, a server that never answers). */
  enforceTimeouts(now: number): void;
  /** Closes the socket; results after the run stopped are not counted. */
  destroy(): Promise<void>;
}

export interface ConnectionContext {
  readonly recorder: IntervalRecorder;
  /** Epoch ms, shared across threads. */
  now(): number;
  /**
   * Called when this connection is free for the next request (or after the run stopped, to let the share finish).
   * `now`: the clock as the caller last read it, when it has just done so (saves a read: see MeasuredConnection).
   */
  onIdle(connection: LoadConnection, now?: number): void;
  /** True once the run stops: results after this are not counted (those requests are "in flight at stop"). */
  readonly stopped: boolean;
}

/** Prepares what every connection of the share shares (the encoded request, connector options) once. */
export function connectionFactory(setup: ShareSetup, ctx: ConnectionContext): () => LoadConnection {
  if (setup.httpClient === 'sockets') return SocketConnection.factory(setup, ctx);
  // Loaded only when needed: undici costs a load thread ~20 ms of CPU at start.
  const { UndiciConnection } = require('./undiciConnection') as typeof import('./undiciConnection');
  return UndiciConnection.factory(setup, ctx);
}
