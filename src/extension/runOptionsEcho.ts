// The options of a run as the panel shows them before the engine has a result: the same shape the result echoes.
import { httpClientFor } from '../engine/connection';
import { normalizeLoadOptions, type LoadOptions } from '../engine/loadOptions';
import type { RunOptionsEcho } from '../engine/result';

/** Throws UsageError for bad input, so a mistake is reported before anything starts. */
export function echoOptions(input: LoadOptions): RunOptionsEcho {
  const o = normalizeLoadOptions(input);
  return {
    url: o.url.href,
    method: o.method,
    connections: o.connections,
    requests: o.requests,
    durationMs: o.durationMs,
    rate: o.rate,
    keepAlive: o.keepAlive,
    headers: o.headers,
    bodyBytes: o.body?.byteLength ?? 0,
    connectTimeoutMs: o.connectTimeoutMs,
    responseTimeoutMs: o.responseTimeoutMs,
    workers: o.workers,
    http2: o.http2,
    httpClient: httpClientFor(o.url.protocol, o.http2, o.httpClient),
  };
}
