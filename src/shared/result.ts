// The result types, and the one count derived from them everywhere (requestsEnded). The engine measures a LoadResult; the pipeline (src/loadTest/runLoadTest.ts) adds the diagnosis
// and hands one RunResult to every consumer: CLI text, `--json`, the panel, history, exports.
import type { Finding, KernelReport } from './findings';

/** Why a request failed. Errors are data: each one is counted under a cause and the phase it happened in. */
export type ErrorCause =
  | 'ECONNRESET'
  | 'ECONNREFUSED'
  | 'connect-timeout'
  | 'response-timeout'
  | 'EPIPE'
  | 'EADDRNOTAVAIL'
  | 'EMFILE'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  | 'closed-by-peer'
  | 'http-parse-error'
  | 'length-mismatch'
  | 'tls-error'
  | 'other';

/**
 * Which HTTP client drove the load: `sockets`, lean HTTP/1.1 on plain TCP sockets (the default for http://), or
 * `undici` (always for https:// and HTTP/2; on request for http://, e.g. to compare).
 */
export type HttpClientKind = 'sockets' | 'undici';

export type ErrorPhase = 'connect' | 'send' | 'wait-headers' | 'read-body';

/** Milliseconds, from an HDR histogram. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  stdev: number;
  max: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  p9999: number;
}

/** A bar of a distribution chart: `count` values in [fromMs, toMs). Log-spaced buckets. */
export interface DistributionBucket {
  fromMs: number;
  toMs: number;
  count: number;
}

/** One point of the time series. `tMs` is the end of the interval, since the load started. */
export interface SeriesPoint {
  tMs: number;
  intervalMs: number;
  completed: number;
  failed: number;
  errorsByCause: Partial<Record<ErrorCause, number>>;
  /** Latency of requests completed in this interval (ms); absent when none completed. */
  latencyP50?: number;
  latencyP90?: number;
  latencyP99?: number;
  connectP99?: number;
  bytesRead: number;
  openConnections: number;
  connectingConnections: number;
}

/** Failures of one cause in one phase: in a load thread's tick report, and in the result. */
export interface ErrorCount {
  cause: ErrorCause;
  phase: ErrorPhase;
  count: number;
  /** The first message seen for this cause and phase, for the user to recognise. */
  example: string;
}

export interface RunOptionsEcho {
  url: string;
  method: string;
  connections: number;
  requests?: number;
  durationMs?: number;
  rate?: number;
  keepAlive: boolean;
  headers: Record<string, string>;
  bodyBytes: number;
  /** The body as text, kept when it is UTF-8 and at most 64 KiB, so that a run can be repeated and exported. */
  body?: string;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  workers: number;
  http2: boolean;
  /** Absent in results saved before the lean socket path existed (they used undici). */
  httpClient?: HttpClientKind;
}

/** `error`: a load thread crashed; the run was stopped and `stopMessage` says why. What was measured is kept. */
export type StopReason = 'request-count' | 'duration' | 'cancelled' | 'error';

/** What the engine measured, before any diagnosis. */
export interface LoadResult {
  schemaVersion: 1;
  tool: { name: 'load-test-localhost'; version: string };
  options: RunOptionsEcho;
  target: {
    url: string;
    host: string;
    port: number;
    /** Every address the host resolved to. */
    addresses: string[];
    /** The address the load connected to (the first that accepted a connection). */
    connectAddress?: string;
    /** Addresses that refused or did not answer before the run, e.g. ::1 when the server listens on IPv4 only. */
    unreachable?: Array<{ address: string; reason: string }>;
  };
  startedAt: string;
  durationMs: number;
  stopReason: StopReason;
  /** Set when the run ended early because of a problem of the run itself (not request errors, which are results). */
  stopMessage?: string;
  /** Every request accounted for: started = ok + failed + inFlight. `ok` = a whole response (any status). */
  requests: {
    started: number;
    ok: number;
    failed: number;
    inFlight: number;
    /** Responses whose status was not 2xx (included in ok). */
    non2xx: number;
  };
  connections: {
    /** TCP connections opened (successful connects). */
    opened: number;
    /** Connect attempts that failed. */
    failedConnects: number;
    /** Still in the TCP handshake when the run stopped: starved by the server's queues (ab hides these). */
    connectingAtStop: number;
    /** How long each of those had been connecting (ms), longest first (at most 100 listed). */
    connectingAtStopMs: number[];
    openAtStop: number;
    /** The most connections open at once (per 250 ms tick): below `connections` when a limit such as ulimit -n held it. */
    maxOpen?: number;
  };
  /**
   * `bytesRead` and `bytesWritten`: everything that crossed the sockets (heads, bodies, unfinished responses);
   * `bodyBytesRead`: the bodies of complete responses only (absent in results saved before it existed).
   */
  throughput: { requestsPerSec: number; bytesRead: number; bytesWritten: number; bytesReadPerSec: number; bodyBytesRead?: number };
  latency: { total: LatencySummary; connect: LatencySummary; firstByte: LatencySummary };
  distributions: { total: DistributionBucket[]; connect: DistributionBucket[] };
  statusCodes: Record<string, number>;
  errors: {
    total: number;
    byCause: Partial<Record<ErrorCause, number>>;
    byPhase: Partial<Record<ErrorPhase, number>>;
    detail: ErrorCount[];
  };
  /** Open model only: whether the arrival rate was held. Latency there is from the intended send time. */
  rate?: { target: number; achieved: number; held: boolean; maxLagMs: number; lateRequests: number };
  /** One point a second. */
  series: SeriesPoint[];
  /** Plain-language notes about the run itself (e.g. body-length mismatches, rate not held). */
  warnings: string[];
  /** Set when the result came from another tool's file (k6, Locust): what that file could not say is listed here. */
  imported?: ImportInfo;
}

/** A load test: what the engine measured and what the diagnosis made of it. */
export interface RunResult extends LoadResult {
  /** Empty when the diagnosis was skipped or found nothing. */
  findings: Finding[];
  /** Absent when the diagnosis was skipped. */
  kernel?: KernelReport;
  /** CLI `--fail-on`: each threshold as written, whether it passed, and what was measured (null: not measured). */
  thresholds?: ThresholdOutcome[];
}

/**
 * Requests that ended, answered or failed: what a failure share is a share of. Those still in flight when a run
 * stopped have no outcome; counted, they would dilute it (10 failed of 100 ended is 10%, not 6.7% with 50 in flight).
 */
export function requestsEnded(requests: RunResult['requests']): number {
  return requests.ok + requests.failed;
}

export interface ThresholdOutcome {
  /** As the user wrote it, e.g. "p99<200ms". */
  threshold: string;
  passed: boolean;
  /** In the threshold's unit (ms, req/s, a 0..1 share or a count of errors); null when the run could not measure it. */
  measured: number | null;
  /** e.g. "12.3 ms", "3.2% (32 of 1,000)". */
  measuredText: string;
}

/** What the engine reports while it runs, a few times a second (never per request). */
export interface RunProgress {
  elapsedMs: number;
  /** 0..1 when the run has a request count or duration, else undefined. */
  fraction?: number;
  requests: RunResult['requests'];
  connections: { open: number; connecting: number };
  /** Over the last second. */
  requestsPerSec: number;
  latency: { total: LatencySummary; connect: LatencySummary };
  statusCodes: Record<string, number>;
  errorsByCause: Partial<Record<ErrorCause, number>>;
  /** Finer points (about 250 ms) since the previous progress report, for live charts. */
  points: SeriesPoint[];
  distributions: RunResult['distributions'];
}

/** Where an imported result came from. Figures the file does not carry are NaN (null in JSON) and named here. */
export interface ImportInfo {
  tool: 'k6' | 'locust';
  /** e.g. "k6 --summary-export", "Locust --csv stats", "Locust --json". */
  format: string;
  /** The file name it came from (no folder). */
  file: string;
  /** Things this result cannot say, in plain words (connect time, kernel counters...). */
  notMeasured: string[];
}
