// What a caller may ask of the engine, and the checks that turn bad input into one clear sentence.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { HttpClientKind } from '../shared/result';

export interface LoadOptions {
  url: string;
  /** Concurrent connections (closed model) or the most connections the open model may use. */
  connections?: number;
  /** Stop after this many requests have been started. */
  requests?: number;
  /** Stop after this long. With neither requests nor duration, a run lasts 10 s. */
  durationMs?: number;
  /** Open model: requests per second, latency measured from the intended send time. */
  rate?: number;
  /** Reuse connections (default). false: a new TCP connection per request, like `ab` without -k. */
  keepAlive?: boolean;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  bodyFile?: string;
  connectTimeoutMs?: number;
  /** The longest a request may take from sending to its last byte. */
  responseTimeoutMs?: number;
  /** Load worker threads; 0 runs in the caller's thread (tests, debugging). */
  workers?: number;
  /** Allow a target outside 127.0.0.0/8 and ::1. Off unless the user says so. */
  allowNonLoopback?: boolean;
  /** Accept self-signed certificates (common on local HTTPS dev servers). */
  insecure?: boolean;
  /**
   * Load threads run at a lower priority (nice +10, Linux), so that a CPU-bound dev server sharing the cores keeps
   * the CPU it needs. Default: on without keep-alive in the closed model, where every connect and close wakes the
   * load thread and preempts the server (single-threaded Node server, 2 cores, interleaved runs: 5.1k-5.4k req/s
   * yielding against 0.8k-1.6k not). Off with keep-alive, where the load thread itself needs the CPU (on a busy
   * machine yielding lost to other processes: 0.3k-7.8k against 7.1k-20.6k req/s), and off with a rate, where
   * sending on time is the measurement.
   */
  yieldCpu?: boolean;
  /** Offer HTTP/2 over TLS (ALPN); HTTP/1.1 otherwise. */
  http2?: boolean;
  /** `sockets` (default): lean HTTP/1.1 on plain TCP for http://; `undici` for every request. TLS and HTTP/2 always use undici. */
  httpClient?: HttpClientKind;
  /** How often the engine reports progress (ms). */
  progressIntervalMs?: number;
}

/**
 * A body file is read once into shared memory: every load thread then sees that one copy (a Uint8Array on a
 * SharedArrayBuffer crosses postMessage without being copied).
 */
function readIntoSharedMemory(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A problem with what the user asked for: the CLI prints the message and exits non-zero. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface NormalizedLoadOptions {
  url: URL;
  /** What reading the typed URL changed (0.0.0.0 tested as 127.0.0.1), for the result's warnings. */
  targetNote?: string;
  connections: number;
  requests?: number;
  durationMs?: number;
  rate?: number;
  keepAlive: boolean;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  workers: number;
  allowNonLoopback: boolean;
  insecure: boolean;
  yieldCpu: boolean;
  http2: boolean;
  httpClient: HttpClientKind;
  progressIntervalMs: number;
}

export const DEFAULT_DURATION_MS = 10_000;
const MAX_CONNECTIONS = 10_000;
/**
 * The shared request budget is an Int32 slot that each connection may push past the limit once: 2e9 plus
 * 10,000 connections stays below 2^31 - 1 (about 5.5 hours at 100k req/s).
 */
export const MAX_REQUESTS = 2_000_000_000;
/** One series point a second: a day is 86,400 points. Longer soaks belong to k6 or Locust. */
export const MAX_DURATION_MS = 24 * 3_600_000;
/** Timeouts become timers; an hour is far beyond any useful request timeout and far below Node's 2^31 ms limit. */
const MAX_TIMEOUT_MS = 3_600_000;
/** Open model: at least one request a day, at most 10 million a second. */
const RATE_RANGE = [1 / 86_400, 10_000_000] as const;
const METHOD = /^[A-Z][A-Z0-9_-]*$/;

function positiveInteger(name: string, value: number | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}, got ${value}`);
  }
  return value;
}

function positiveNumber(name: string, value: number | undefined, max: number, show: (n: number) => string = String): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number, got ${value}`);
  if (value > max) throw new UsageError(`${name} must be at most ${show(max)}, got ${show(value)}`);
  return value;
}

const milliseconds = (ms: number) => (ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(2)} h` : `${ms} ms`);

/** Characters that must never reach a request line or header: controls other than tab (RFC 9110 field-value). */
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;

/** `localhost:3000`, `:3000` and `3000` (with a path or not) are what people type; give them http (and localhost). */
function withScheme(raw: string): string {
  const text = raw.trim();
  // A bare number is a port (`8002`, `8002/api`): the URL parser would read it as the IPv4 address 0.0.31.66.
  if (/^\d{1,5}(?:[/?#]|$)/.test(text)) return `http://localhost:${text}`;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text.startsWith(':') ? `localhost${text}` : text}`;
}

export function parseTargetUrl(raw: string): URL {
  return readTargetUrl(raw).url;
}

/** The URL to load, and what reading it changed in what was typed (said next to the results), if anything. */
export function readTargetUrl(raw: string): { url: URL; note?: string } {
  let url: URL;
  try {
    url = new URL(withScheme(raw));
  } catch {
    throw new UsageError(`"${raw}" is not a valid URL (expected e.g. http://localhost:8080/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Only http:// and https:// URLs can be load-tested, got ${url.protocol}//`);
  }
  if (!url.hostname) throw new UsageError(`"${raw}" has no host name`);
  return { url, note: anyAddressToLoopback(url) };
}

/**
 * The "any address" a server binds to, and the loopback address that reaches it from this machine. Servers print
 * it as their URL (python -m http.server: "Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/)"; Django's
 * runserver 0.0.0.0:8000), and people paste that. As a destination it is not an address: Linux and macOS send it to
 * this machine, Windows refuses it. And as a Host header Django's DEBUG defaults reject it (400).
 */
const LOOPBACK_FOR_ANY_ADDRESS: Record<string, string> = { '0.0.0.0': '127.0.0.1', '[::]': '[::1]' };

/** Rewrites a URL on 0.0.0.0 or [::] to the loopback address; returns what to tell the user, if it did. */
function anyAddressToLoopback(url: URL): string | undefined {
  const loopback = LOOPBACK_FOR_ANY_ADDRESS[url.hostname];
  if (!loopback) return undefined;
  const asked = url.hostname;
  url.hostname = loopback;
  return `${asked} is the address a server listens on (every interface), not one to connect to: tested ${loopback} instead.`;
}

export function normalizeLoadOptions(input: LoadOptions): NormalizedLoadOptions {
  const { url, note: targetNote } = readTargetUrl(input.url);
  const connections = positiveInteger('connections', input.connections ?? 10, MAX_CONNECTIONS)!;
  const requests = positiveInteger('requests', input.requests, MAX_REQUESTS);
  let durationMs = positiveNumber('duration', input.durationMs, MAX_DURATION_MS, milliseconds);
  const rate = positiveNumber('rate', input.rate, RATE_RANGE[1]);
  if (rate !== undefined && rate < RATE_RANGE[0]) throw new UsageError(`rate must be at least one request a day (${RATE_RANGE[0].toPrecision(2)} req/s), got ${rate}`);
  if (requests === undefined && durationMs === undefined) durationMs = DEFAULT_DURATION_MS;
  if (input.body !== undefined && input.bodyFile !== undefined) throw new UsageError('Give a body or a body file, not both');
  let body: Buffer | undefined;
  if (input.body !== undefined) body = Buffer.from(input.body);
  if (input.bodyFile !== undefined) {
    try {
      body = readIntoSharedMemory(input.bodyFile);
    } catch (err) {
      throw new UsageError(`Cannot read the body file ${input.bodyFile}: ${(err as Error).message}`);
    }
  }
  const method = (input.method ?? (body ? 'POST' : 'GET')).toUpperCase();
  if (!METHOD.test(method)) throw new UsageError(`"${input.method}" is not an HTTP method`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`"${name}" is not a valid header name`);
    if (CONTROL_CHARACTER.test(value)) throw new UsageError(`The value of header ${name} contains a control character (line break, escape, NUL...)`);
    headers[name.toLowerCase()] = value;
  }
  addUrlCredentials(url, headers);
  checkFramingHeaders(headers, body);
  if (input.http2 && url.protocol !== 'https:') {
    throw new UsageError('HTTP/2 is offered over TLS only (https://); for http:// leave out --http2 (HTTP/1.1 is used)');
  }
  const workers = input.workers ?? defaultWorkerCount(connections);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`workers must be 0 to 64, got ${workers}`);
  return {
    url,
    targetNote,
    connections,
    requests,
    durationMs,
    rate,
    keepAlive: input.keepAlive ?? true,
    method,
    headers,
    body,
    connectTimeoutMs: positiveNumber('connect timeout', input.connectTimeoutMs, MAX_TIMEOUT_MS, milliseconds) ?? 10_000,
    responseTimeoutMs: positiveNumber('response timeout', input.responseTimeoutMs, MAX_TIMEOUT_MS, milliseconds) ?? 30_000,
    workers: Math.min(workers, connections),
    allowNonLoopback: input.allowNonLoopback ?? false,
    insecure: input.insecure ?? false,
    yieldCpu: input.yieldCpu ?? (rate === undefined && input.keepAlive === false),
    http2: input.http2 ?? false,
    httpClient: httpClient(input.httpClient),
    progressIntervalMs: input.progressIntervalMs ?? 250,
  };
}

/**
 * `http://user:pass@host/` means Basic auth: the credentials go into an Authorization header (unless one is given)
 * and leave the URL, so no report, JSON or history keeps them.
 */
function addUrlCredentials(url: URL, headers: Record<string, string>): void {
  if (!url.username && !url.password) return;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  if (CONTROL_CHARACTER.test(credentials)) throw new UsageError('The credentials in the URL contain a control character');
  headers.authorization ??= `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/**
 * Headers that decide how a request is framed or what the connection becomes are the engine's to set: a wrong one
 * would make every request of the run fail in the same confusing way (both HTTP clients refuse the same ones).
 */
function checkFramingHeaders(headers: Record<string, string>, body: Buffer | undefined): void {
  const bodyLength = body?.byteLength ?? 0;
  if ('transfer-encoding' in headers) {
    throw new UsageError('The Transfer-Encoding header cannot be set: the body is sent with its Content-Length');
  }
  const length = headers['content-length'];
  if (length !== undefined && (!/^\d+$/.test(length.trim()) || Number(length) !== bodyLength)) {
    throw new UsageError(`Content-Length: ${length} does not match the body (${bodyLength} bytes); leave it out and it is set for you`);
  }
  const connection = headers.connection?.trim().toLowerCase();
  if (connection !== undefined && connection !== 'close' && connection !== 'keep-alive') {
    throw new UsageError('The Connection header can only be keep-alive or close (--no-keepalive opens a new connection per request)');
  }
  if ('upgrade' in headers) throw new UsageError('Upgrade requests (WebSocket, h2c) cannot be load-tested; leave out the Upgrade header');
  if ('expect' in headers) throw new UsageError('The Expect header is not supported; the body is sent with the request');
}

function httpClient(value: string | undefined): HttpClientKind {
  if (value === undefined || value === 'sockets' || value === 'undici') return value ?? 'sockets';
  throw new UsageError(`The HTTP client must be "sockets" or "undici", got "${value}"`);
}

/**
 * One load thread on 2 cores: the dev server needs a core of its own. Measured on 2 cores, 50 connections, a new
 * connection per request, interleaved 4 s runs, load threads at nice +10:
 *   single-threaded Node server   1 thread: 5.1k-5.4k req/s   2 threads: 0.5k-1.4k (at nice 0)   ab: 4.8k-5.6k
 * (Hugo, issue 10: 4.4k-5.6k with 1 thread against 2.5k-3.3k with 2.) Against nginx, which needs little CPU, a
 * second thread gained 27% without keep-alive on a quiet machine (13.6k against 10.7k req/s), because a new
 * connection per request spends most of its time in connect() and close(), in the kernel; a dev server cannot
 * spare that core. With more cores a second worker is kept from 32 connections (not measured here).
 */
export function defaultWorkerCount(connections: number): number {
  if (availableParallelism() <= 2) return 1;
  return connections >= 32 ? 2 : 1;
}

/** The lean socket path speaks HTTP/1.1 over plain TCP; TLS and HTTP/2 need undici. */
export function httpClientFor(protocol: string, http2: boolean, wanted: HttpClientKind): HttpClientKind {
  return protocol === 'http:' && !http2 && wanted === 'sockets' ? 'sockets' : 'undici';
}
