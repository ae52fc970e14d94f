// The one wording of "how hard a run pushes", used by the CLI report, the panel header, the status bar, the
// history list and the custom-profile label, so the same run reads the same in every place.
import { formatCount, formatDuration } from './formatNumbers';
import type { RunOptionsEcho } from './result';

/** The options a description needs: a run's echo, or a profile before it runs. */
export type RunShape = Pick<RunOptionsEcho, 'connections' | 'keepAlive'> &
  Partial<Pick<RunOptionsEcho, 'method' | 'requests' | 'durationMs' | 'rate' | 'http2'>>;

/** E.g. "50 connections, new connection per request, 1,000 requests" or "10 connections, keep-alive, 200 req/s, 20 s, POST". */
export function describeRunOptions(o: RunShape): string {
  const parts = [`${formatCount(o.connections)} connection${o.connections === 1 ? '' : 's'}`];
  parts.push(o.keepAlive ? 'keep-alive' : 'new connection per request');
  if (o.rate) parts.push(`${o.rate} req/s`);
  if (o.requests) parts.push(`${formatCount(o.requests)} request${o.requests === 1 ? '' : 's'}`);
  if (o.durationMs) parts.push(formatDuration(o.durationMs));
  if (o.http2) parts.push('HTTP/2');
  if (o.method && o.method !== 'GET') parts.push(o.method);
  return parts.join(', ');
}
