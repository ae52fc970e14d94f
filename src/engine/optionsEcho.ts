// The options of a run as its result echoes them: built once here, for the result and for the panel's header
// before the engine has a result.
import { httpClientFor, type NormalizedLoadOptions } from './loadOptions';
import { redactHeaders } from '../shared/secrets';
import type { RunOptionsEcho } from '../shared/result';

export function echoOptions(o: NormalizedLoadOptions): RunOptionsEcho {
  return {
    url: o.url.href,
    method: o.method,
    connections: o.connections,
    requests: o.requests,
    durationMs: o.durationMs,
    rate: o.rate,
    keepAlive: o.keepAlive,
    // Sent, never kept: results, history, the panel and logs show a placeholder for credentials.
    headers: redactHeaders(o.headers),
    bodyBytes: o.body?.byteLength ?? 0,
    body: bodyText(o.body),
    connectTimeoutMs: o.connectTimeoutMs,
    responseTimeoutMs: o.responseTimeoutMs,
    // normalizeLoadOptions caps workers at the connection count, so this is also the number of load threads.
    workers: o.workers,
    http2: o.http2,
    httpClient: httpClientFor(o.url.protocol, o.http2, o.httpClient),
  };
}

/** 64 KiB: any form or JSON body people type or keep in a file; larger or binary bodies are only counted. */
const MAX_ECHOED_BODY = 64 * 1024;

function bodyText(body: Buffer | undefined): string | undefined {
  if (!body || body.byteLength > MAX_ECHOED_BODY) return undefined;
  const text = body.toString('utf8');
  return Buffer.byteLength(text) === body.byteLength && !text.includes('\uFFFD') ? text : undefined;
}
