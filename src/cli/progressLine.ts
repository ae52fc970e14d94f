// A single live line on a terminal: what a person watching a run wants to see, rewritten in place.
import type { RunProgress } from '../shared/result';
import { formatCount, formatMs, formatRate } from '../shared/formatNumbers';

const BAR_WIDTH = 20;

export function renderProgressLine(progress: RunProgress): string {
  const r = progress.requests;
  const parts = [
    `${(progress.elapsedMs / 1000).toFixed(1)}s`,
    `${formatRate(progress.requestsPerSec)} req/s`,
    `${formatCount(r.ok)} ok`,
    r.failed > 0 ? `${formatCount(r.failed)} failed` : '0 failed',
    `p99 ${formatMs(progress.latency.total.p99)}`,
    `${progress.connections.open} open`,
  ];
  if (progress.connections.connecting > 0) parts.push(`${progress.connections.connecting} connecting`);
  if (progress.fraction !== undefined) {
    const filled = Math.round(progress.fraction * BAR_WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.round(progress.fraction * 100)}%`);
  }
  return parts.join('  ');
}
