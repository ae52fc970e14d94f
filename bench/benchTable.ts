// Turns the bench's samples into the printed tables: medians with their spread per generator, then our ratios to
// wrk and ab next to the goals (issue 2 for nginx, issue 10 for the CPU-bound dev servers), and the diagnosis's own CPU.
import type { BenchTargetName } from './benchTarget';
import { NODE_FLOOR_NAMES, type BenchMode } from './generators';

export interface Sample {
  requestsPerSec: number;
  cpuUsPerRequest: number;
  errors: number;
  /** Responses received and the generator's whole CPU (ms), for the diagnosis's own CPU. */
  requests: number;
  cpuMs: number;
  /** Ours with diagnosis: the kernel sampler thread's own CPU (ms). */
  samplerCpuMs?: number;
  /** The part of samplerCpuMs spent starting its thread, before the load started (ms). */
  samplerStartupCpuMs?: number;
}

export interface ModeResults {
  mode: BenchMode;
  /** Generator name -> one sample per round, in the order the generators are listed. */
  samples: Map<string, Sample[]>;
}

/** The peer each mode is judged against: wrk with keep-alive, ab without (as users compare). */
const GOAL_PEER: Record<BenchMode, string> = { 'keep-alive': 'wrk', 'new-connection': 'ab' };

/**
 * Our goals against that peer: at least `rps` times its requests/s and, where given, at most `cpu` times its CPU per
 * request. nginx needs little CPU, so there we must match the peers; on a CPU-bound dev server sharing the cores
 * the generator's CPU is the server's loss, and 0.95x is the goal.
 */
const GOALS: Record<BenchTargetName, Record<BenchMode, { rps: number; cpu?: number }>> = {
  nginx: { 'keep-alive': { rps: 1, cpu: 1.5 }, 'new-connection': { rps: 1, cpu: 2 } },
  node: { 'keep-alive': { rps: 0.95 }, 'new-connection': { rps: 0.95 } },
  python: { 'keep-alive': { rps: 0.95 }, 'new-connection': { rps: 0.95 } },
};

/** The diagnosis may cost at most this share of one core over a run. */
export const DIAGNOSIS_CPU_GOAL = 0.02;

export function median(values: number[]): number {
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

/** Ours (`subject`) against each peer present: requests/s ratio and CPU per request ratio, with the goals. */
export function formatRatios(results: ModeResults, subject: string, target: BenchTargetName): string {
  const ours = results.samples.get(subject);
  if (!ours) return '';
  const goalPeer = GOAL_PEER[results.mode];
  const goal = GOALS[target][results.mode];
  const lines: string[] = [];
  for (const peer of ['wrk', 'ab', 'autocannon']) {
    const theirs = results.samples.get(peer);
    if (!theirs) continue;
    const rpsRatio = median(ours.map((s) => s.requestsPerSec)) / median(theirs.map((s) => s.requestsPerSec));
    const cpuRatio = median(ours.map((s) => s.cpuUsPerRequest)) / median(theirs.map((s) => s.cpuUsPerRequest));
    const met = (ok: boolean) => (ok ? 'met' : 'not met');
    const rpsGoal = peer === goalPeer ? `  (goal >= ${goal.rps.toFixed(2)}: ${met(rpsRatio >= goal.rps)})` : '';
    const cpuGoal = peer === goalPeer && goal.cpu !== undefined ? `  (goal <= ${goal.cpu.toFixed(2)}: ${met(cpuRatio <= goal.cpu)})` : '';
    lines.push(
      `  vs ${peer.padEnd(10)} req/s x${rpsRatio.toFixed(2)}${rpsGoal.padEnd(24)}   CPU/req x${cpuRatio.toFixed(2)}${cpuGoal}`,
    );
  }
  return lines.join('\n');
}

/**
 * The bare Node clients (nodeFloorClient.ts) against the mode's peer, and ours against each: how far Node itself
 * stays from the peer, and how much of ours is left after that.
 */
export function formatNodeFloors(results: ModeResults, subject: string): string {
  const peer = results.samples.get(GOAL_PEER[results.mode]);
  const ours = results.samples.get(subject);
  const floorNames: string[] = Object.values(NODE_FLOOR_NAMES);
  const floors = [...results.samples].filter(([name]) => floorNames.includes(name));
  if (!peer || floors.length === 0) return '';
  const rps = (samples: Sample[]) => median(samples.map((s) => s.requestsPerSec));
  const lines = floors.map(([name, samples]) => {
    const againstOurs = ours ? `; ours x${(rps(ours) / rps(samples)).toFixed(2)} of it` : '';
    return `  ${name.padEnd(40)} req/s x${(rps(samples) / rps(peer)).toFixed(2)} of ${GOAL_PEER[results.mode]}${againstOurs}`;
  });
  return ['Bare Node clients that measure nothing (what Node allows per connection):', ...lines].join('\n');
}

/**
 * The diagnosis's own CPU, per round: CPU of the run with diagnosis minus what the same number of responses cost
 * without it (CPU per response of the run without, times responses of the run with), over the run's length; the
 * median of the rounds, as a share of one core. Correcting for the response count keeps a run that happened to
 * serve fewer requests from looking cheaper.
 */
export function diagnosisCpuShare(withDiagnosis: Sample[], without: Sample[], seconds: number): number | undefined {
  if (withDiagnosis.length === 0 || without.length === 0) return undefined;
  const perResponseWithout = median(without.map((s) => s.cpuMs / s.requests));
  return median(withDiagnosis.map((s) => (s.cpuMs - perResponseWithout * s.requests) / (seconds * 1000)));
}

/**
 * The diagnosis's own CPU as a share of one core, with the goal. Measured directly: its fixed cost per run
 * (`fixedMs`: a one-request run with diagnosis minus one without, medians; the sampler thread's start-up, ss, dmesg
 * twice, the findings) plus the sampler thread's CPU during the load, read exactly from its own /proc stat. The
 * difference of whole runs with and without (diagnosisCpuShare) is printed next to it: on a 4 s run it is the
 * difference of two ~1 s CPU totals whose spread between rounds is larger than what it measures.
 */
export function formatDiagnosisCpu(share: number | undefined, withDiagnosis: Sample[], seconds: number, fixedMs?: number): string {
  const during = withDiagnosis
    .filter((s) => s.samplerCpuMs !== undefined && s.samplerStartupCpuMs !== undefined)
    .map((s) => s.samplerCpuMs! - s.samplerStartupCpuMs!);
  const estimate = share === undefined ? '' : `; with minus without, whole runs: ${(share * 100).toFixed(1)}%`;
  if (during.length === 0 || fixedMs === undefined) {
    if (share === undefined) return '';
    const met = share <= DIAGNOSIS_CPU_GOAL ? 'met' : 'not met';
    return `  diagnosis's own CPU (with minus without, whole runs): ${(share * 100).toFixed(1)}% of one core over the run  (goal <= ${(DIAGNOSIS_CPU_GOAL * 100).toFixed(0)}%: ${met})`;
  }
  // A share of one core over a run of `ms`: the fixed cost spread over it, plus the sampler's share while it runs.
  const samplerShare = median(during) / (seconds * 1000);
  const shareOver = (ms: number) => fixedMs / ms + samplerShare;
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const direct = shareOver(seconds * 1000);
  const met = direct <= DIAGNOSIS_CPU_GOAL ? 'met' : 'not met';
  return (
    `  diagnosis's own CPU: ${percent(direct)} of one core over the ${seconds} s run  (goal <= ${(DIAGNOSIS_CPU_GOAL * 100).toFixed(0)}%: ${met})` +
    ` = ${fixedMs.toFixed(0)} ms per run + its sampler thread ${percent(samplerShare)} during the load` +
    `; ${percent(shareOver(10_000))} over a 10 s run (the CLI's default)${estimate}`
  );
}
