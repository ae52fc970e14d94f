// One line that says how a run went: the status bar, the progress notification and the history use it.
import type { RunResult } from '../engine/result';
import { formatCount, formatMs, formatRate } from './formatNumbers';

export function describeOptions(options: RunResult['options']): string {
  const parts = [`${options.connections} connection${options.connections === 1 ? '' : 's'}`];
  parts.push(options.keepAlive ? 'keep-alive' : 'new connection per request');
  if (options.rate) parts.push(`${options.rate} req/s`);
  if (options.requests) parts.push(`${formatCount(options.requests)} requests`);
  if (options.durationMs) parts.push(`${formatMs(options.durationMs)}`);
  return parts.join(', ');
}

export function summarizeRun(result: RunResult): string {
  const r = result.requests;
  const parts = [`${formatRate(result.throughput.requestsPerSec)} req/s`, `p99 ${formatMs(result.latency.total.p99)}`, `${formatCount(r.ok)} ok`];
  if (r.failed > 0) parts.push(`${formatCount(r.failed)} failed`);
  if (result.connections.connectingAtStop > 0) parts.push(`${result.connections.connectingAtStop} starved`);
  return parts.join(' · ');
}
