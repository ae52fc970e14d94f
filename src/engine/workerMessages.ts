// What crosses the worker boundary: a setup once, then one interval report per tick (never per request).
import type { CounterValues } from './requestCounters';
import type { ErrorCount, HttpClientKind } from '../shared/result';

export interface ShareSetup {
  workerIndex: number;
  workerCount: number;
  /** Connections this share runs. */
  connections: number;
  origin: string;
  /** Address to connect to (the host name stays in the Host header and TLS SNI). */
  connectAddress: string;
  /** TLS SNI; absent for an IP address. */
  servername?: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  keepAlive: boolean;
  /** Lean sockets for HTTP/1.1 over plain TCP, undici for TLS and HTTP/2. */
  httpClient: HttpClientKind;
  http2: boolean;
  insecure: boolean;
  /** Run this thread at a lower priority (nice +10) so that the server under test keeps the CPU it needs. */
  yieldCpu: boolean;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Open model: this share's arrival rate (req/s) and its phase offset in ms. */
  rate?: number;
  rateOffsetMs?: number;
  tickMs: number;
  /** Int32 slots: [STOP] set to 1 to stop; [ISSUED] requests claimed so far; [LIMIT] request budget or 0. */
  control: SharedArrayBuffer;
}

export const CONTROL_STOP = 0;
export const CONTROL_ISSUED = 1;
export const CONTROL_LIMIT = 2;
export const CONTROL_SLOTS = 3;

/** Everything that happened in one share during one tick. */
export interface IntervalReport extends CounterValues {
  type: 'interval';
  workerIndex: number;
  tick: number;
  statusCodes: Record<string, number>;
  errors: ErrorCount[];
  /** Encoded HDR histograms (us) of this interval; '' when empty. */
  total: string;
  connect: string;
  firstByte: string;
  totalBuckets: number[];
  connectBuckets: number[];
  openConnections: number;
  connectingConnections: number;
  /**
   * Requests started and not yet answered or failed, counted over the share's connections when the report was made
   * (not derived from the counters), so that started = completed + failed + inFlight is a real check.
   */
  inFlight: number;
}

export interface ShareFinal {
  type: 'final';
  workerIndex: number;
  openAtStop: number;
  /** When the share stopped (epoch ms): the load's own end, before its sockets were torn down. */
  stoppedAt: number;
  connectingAtStopMs: number[];
}

export type ShareMessage =
  | { type: 'ready'; workerIndex: number }
  | IntervalReport
  | ShareFinal
  | { type: 'crashed'; workerIndex: number; message: string };

/** Caller -> worker. `startAt`/`deadline` are epoch ms (performance.timeOrigin + performance.now()). */
export type ShareCommand = { type: 'start'; startAt: number; deadline?: number } | { type: 'stop' };
