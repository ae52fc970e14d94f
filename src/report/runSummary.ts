// One line that says how a run went: the status bar, the progress notification and the history use it.
import type { RunResult } from '../shared/result';
import { formatCount, formatMs, formatRate } from '../shared/formatNumbers';

export function summarizeRun(result: RunResult): string {
  const r = result.requests;
  const parts = [`${formatRate(result.throughput.requestsPerSec)} req/s`, `p99 ${formatMs(result.latency.total.p99)}`, `${formatCount(r.ok)} ok`];
  if (r.failed > 0) parts.push(`${formatCount(r.failed)} failed`);
  if (result.connections.connectingAtStop > 0) parts.push(`${result.connections.connectingAtStop} starved`);
  return parts.join(' · ');
}
