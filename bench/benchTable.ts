// Turns the bench's samples into the printed tables: medians with their spread per generator, then our ratios to
// wrk and ab next to the goals of issue 2.
import type { BenchMode } from './generators';

export interface Sample {
  requestsPerSec: number;
  cpuUsPerRequest: number;
  errors: number;
}

export interface ModeResults {
  mode: BenchMode;
  /** Generator name -> one sample per round, in the order the generators are listed. */
  samples: Map<string, Sample[]>;
}

/** Our goals per mode: at least the peer's requests/s, at most this many times its CPU per request. */
const CPU_GOALS: Record<BenchMode, { peer: string; factor: number }> = {
  'keep-alive': { peer: 'wrk', factor: 1.5 },
  'new-connection': { peer: 'ab', factor: 2 },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
const micros = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-');

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

export function formatModeTable(results: ModeResults): string {
  const header = ['generator', 'req/s (median)', 'req/s (range)', 'CPU us/req (median)', 'CPU us/req (range)', 'errors'];
  const rows = [...results.samples].map(([name, samples]) => {
    const rps = samples.map((s) => s.requestsPerSec);
    const cpu = samples.map((s) => s.cpuUsPerRequest);
    return [
      name,
      thousands(median(rps)),
      `${thousands(Math.min(...rps))}-${thousands(Math.max(...rps))}`,
      micros(median(cpu)),
      `${micros(Math.min(...cpu))}-${micros(Math.max(...cpu))}`,
      thousands(samples.reduce((sum, s) => sum + s.errors, 0)),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [pad(header, widths), ...rows.map((r) => pad(r, widths))].join('\n');
}

/** Ours (`subject`) against each peer present: requests/s ratio (goal >= 1) and CPU per request ratio. */
export function formatRatios(results: ModeResults, subject: string): string {
  const ours = results.samples.get(subject);
  if (!ours) return '';
  const goal = CPU_GOALS[results.mode];
  const lines: string[] = [];
  for (const peer of ['wrk', 'ab', 'autocannon']) {
    const theirs = results.samples.get(peer);
    if (!theirs) continue;
    const rpsRatio = median(ours.map((s) => s.requestsPerSec)) / median(theirs.map((s) => s.requestsPerSec));
    const cpuRatio = median(ours.map((s) => s.cpuUsPerRequest)) / median(theirs.map((s) => s.cpuUsPerRequest));
    const rpsGoal = peer === 'autocannon' ? '' : `  (goal >= 1.00: ${rpsRatio >= 1 ? 'met' : 'not met'})`;
    const cpuGoal = peer === goal.peer ? `  (goal <= ${goal.factor.toFixed(2)}: ${cpuRatio <= goal.factor ? 'met' : 'not met'})` : '';
    lines.push(
      `  vs ${peer.padEnd(10)} req/s x${rpsRatio.toFixed(2)}${rpsGoal.padEnd(24)}   CPU/req x${cpuRatio.toFixed(2)}${cpuGoal}`,
    );
  }
  return lines.join('\n');
}
