// What a run asked for, in the terms k6 and Locust both need: one request, a load shape, secrets moved out to
// environment variables, and thresholds taken from what the run measured. The two script writers only render it.
import { requestsEnded, type RunOptionsEcho, type RunResult } from '../shared/result';
import { secretEnvName, isSecretName } from '../shared/secretNames';

/** A header or query value that must not be written into a shared script: the script reads it from the environment. */
export interface SecretValue {
  name: string;
  env: string;
}

export interface PlannedRequest {
  method: string;
  /** The target's origin, e.g. http://127.0.0.1:8080: the script's default for TARGET_URL. */
  origin: string;
  /** Path with the query parameters that are not secret, e.g. /api/items?page=2. */
  path: string;
  headers: Record<string, string>;
  secretHeaders: SecretValue[];
  secretQuery: SecretValue[];
  /** Text body, or undefined when the run had none. */
  body?: string;
  /** Set when the run had a body the result does not keep (binary or too large): the script sends none. */
  bodyMissingBytes?: number;
  /** The URL carried user:password@, which is never written out. */
  droppedCredentials: boolean;
}

export type LoadShape =
  /** Closed model: `users` each sending the next request when the previous finished. */
  | { kind: 'closed'; users: number; requests?: number; durationSeconds?: number }
  /** Open model: `rate` requests per second for `durationSeconds`, using at most `users` connections. */
  | { kind: 'open'; users: number; rate: number; durationSeconds: number; requests?: number };

export interface PlannedThresholds {
  /** e.g. 0.2 for 20 %: every limit is the measured value times (1 + margin). */
  margin: number;
  /** What the exported run measured (ms and a 0..1 ratio). */
  measured: { p95: number; p99: number; errorRate: number };
}

export interface LoadPlan {
  request: PlannedRequest;
  shape: LoadShape;
  keepAlive: boolean;
  responseTimeoutMs: number;
  thresholds?: PlannedThresholds;
  /** A one-line description of the run it came from, for the header comment. */
  from: string;
}

export const DEFAULT_MARGIN = 0.2;
/** An error-rate limit of 0 would fail on one lost request out of millions; below 0.1 % the limit stays at 0.1 %. */
export const MIN_ERROR_RATE_LIMIT = 0.001;

/** `from` says where the options came from (e.g. "the run of 2025-01-31T10:20:30Z"); the URL is added without credentials. */
export function planFromOptions(options: RunOptionsEcho, from: string): LoadPlan {
  const url = new URL(options.url);
  const secretQuery: SecretValue[] = [];
  const kept = new URLSearchParams();
  for (const [name, value] of url.searchParams) {
    if (isSecretName(name)) secretQuery.push({ name, env: secretEnvName('QUERY', name) });
    else kept.append(name, value);
  }
  const query = kept.toString();
  const headers: Record<string, string> = {};
  const secretHeaders: SecretValue[] = [];
  for (const [name, value] of Object.entries(options.headers)) {
    // The engine sets Host and framing itself; a script's HTTP client does the same.
    if (['host', 'content-length', 'connection'].includes(name.toLowerCase())) continue;
    if (isSecretName(name)) secretHeaders.push({ name, env: secretEnvName('HEADER', name) });
    else headers[name] = value;
  }
  const bodyMissing = options.bodyBytes > 0 && options.body === undefined;
  const durationSeconds = options.durationMs !== undefined ? Math.max(1, Math.ceil(options.durationMs / 1000)) : undefined;
  let shape: LoadShape;
  if (options.rate !== undefined) {
    // Like the engine: a rate with a request count lasts as long as sending them takes.
    const seconds = durationSeconds ?? Math.max(1, Math.ceil((options.requests ?? options.rate * 10) / options.rate));
    shape = { kind: 'open', users: options.connections, rate: options.rate, durationSeconds: seconds, requests: options.requests };
  } else {
    shape = { kind: 'closed', users: options.connections, requests: options.requests, durationSeconds };
  }
  const path = `${url.pathname}${query ? `?${query}` : ''}`;
  return {
    request: {
      method: options.method,
      origin: url.origin,
      path,
      headers,
      secretHeaders,
      secretQuery,
      body: options.body,
      bodyMissingBytes: bodyMissing ? options.bodyBytes : undefined,
      droppedCredentials: url.username !== '' || url.password !== '',
    },
    shape,
    keepAlive: options.keepAlive,
    responseTimeoutMs: options.responseTimeoutMs,
    from: `${options.method} ${url.origin}${path}, ${from}`,
  };
}

/** The plan of a finished run, with thresholds from what it measured. */
export function planFromResult(result: RunResult, margin = DEFAULT_MARGIN): LoadPlan {
  const plan = planFromOptions(result.options, `the run of ${result.startedAt}`);
  const ended = requestsEnded(result.requests);
  if (result.latency.total.count > 0) {
    plan.thresholds = {
      margin,
      measured: { p95: result.latency.total.p95, p99: result.latency.total.p99, errorRate: ended > 0 ? result.requests.failed / ended : 0 },
    };
  }
  return plan;
}

/** Limits as the scripts write them: latency rounded up to 0.1 ms, the error rate to 4 decimals, never below the floor. */
export function thresholdLimits(t: PlannedThresholds): { p95: number; p99: number; errorRate: number } {
  const up = (value: number, step: number) => Math.ceil((value * (1 + t.margin)) / step - 1e-9) * step;
  return {
    p95: Number(up(t.measured.p95, 0.1).toFixed(1)),
    p99: Number(up(t.measured.p99, 0.1).toFixed(1)),
    errorRate: Number(Math.max(MIN_ERROR_RATE_LIMIT, up(t.measured.errorRate, 0.0001)).toFixed(4)),
  };
}

/** "20s", "1m30s" style durations, understood by both k6 and Locust. */
export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest}s`;
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}
