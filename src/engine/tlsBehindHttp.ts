// http:// to a server that speaks TLS: most TLS servers (Node's, Vite's) close a plain-text connection without a
// word, which would read as "closed by peer" with no hint. When every failure of an http:// run was such a close,
// one TLS handshake with the target tells whether the server speaks TLS; if it does, those errors are TLS errors.
import { connect } from 'node:tls';
import type { ErrorCount, LoadResult } from '../shared/result';

const PROBE_TIMEOUT_MS = 1000;
export const TLS_ANSWER = 'the server answered with TLS: it expects https://';

function speaksTls(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, rejectUnauthorized: false, timeout: PROBE_TIMEOUT_MS });
    const done = (yes: boolean) => {
      socket.destroy();
      resolve(yes);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Relabels the closes of an http:// run at a TLS server as TLS errors (in place). */
export async function relabelTlsBehindHttp(result: LoadResult, connectAddress: string, port: number): Promise<void> {
  if (!result.target.url.startsWith('http:') || result.requests.ok > 0 || result.requests.failed === 0) return;
  const closes = result.errors.detail.filter((e) => e.cause === 'closed-by-peer' && e.phase === 'wait-headers');
  if (closes.length !== result.errors.detail.length || !(await speaksTls(connectAddress, port))) return;
  const count = closes.reduce((sum, e) => sum + e.count, 0);
  const relabelled: ErrorCount = { cause: 'tls-error', phase: 'wait-headers', count, example: TLS_ANSWER };
  result.errors.detail = [relabelled];
  result.errors.byCause = { 'tls-error': count };
  for (const point of result.series) {
    const closed = point.errorsByCause['closed-by-peer'];
    if (closed === undefined) continue;
    delete point.errorsByCause['closed-by-peer'];
    point.errorsByCause['tls-error'] = closed;
  }
  result.warnings.push(`The server at port ${port} speaks TLS: load-test it with https:// (add --insecure for a self-signed certificate).`);
}
