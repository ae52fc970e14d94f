// Keeps live series bounded: a long run must not grow memory, setState size or chart cost without limit.
// Instead of dropping the start of the run, adjacent points are merged so the whole run stays on the time axis.
import type { SeriesPoint, ErrorCause } from '../../src/shared/result';
import type { KernelSample } from '../../src/shared/findings';

export const MAX_LIVE_POINTS = 1200;
export const MAX_KERNEL_SAMPLES = 600;

/** Two consecutive intervals as one. Percentiles cannot be merged exactly; the larger is the honest upper bound. */
export function mergeSeriesPoints(a: SeriesPoint, b: SeriesPoint): SeriesPoint {
  const errorsByCause: Partial<Record<ErrorCause, number>> = { ...a.errorsByCause };
  for (const [cause, count] of Object.entries(b.errorsByCause) as Array<[ErrorCause, number]>) {
    errorsByCause[cause] = (errorsByCause[cause] ?? 0) + count;
  }
  return {
    tMs: b.tMs,
    intervalMs: a.intervalMs + b.intervalMs,
    completed: a.completed + b.completed,
    failed: a.failed + b.failed,
    errorsByCause,
    latencyP50: maxDefined(a.latencyP50, b.latencyP50),
    latencyP90: maxDefined(a.latencyP90, b.latencyP90),
    latencyP99: maxDefined(a.latencyP99, b.latencyP99),
    connectP99: maxDefined(a.connectP99, b.connectP99),
    bytesRead: a.bytesRead + b.bytesRead,
    openConnections: b.openConnections,
    connectingConnections: b.connectingConnections,
  };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** Appends points newer than the last one kept (re-sent points are ignored), then halves the list when over the cap. */
export function appendPoints(kept: SeriesPoint[], incoming: SeriesPoint[], cap = MAX_LIVE_POINTS): SeriesPoint[] {
  appendNewer(kept, incoming);
  if (kept.length <= cap) return kept;
  const merged: SeriesPoint[] = [];
  for (let i = 0; i + 1 < kept.length; i += 2) merged.push(mergeSeriesPoints(kept[i], kept[i + 1]));
  if (kept.length % 2 === 1) merged.push(kept[kept.length - 1]);
  return merged;
}

/** Kernel deltas are cumulative, so thinning (keeping every other sample) loses no totals. */
export function appendKernelSamples(kept: KernelSample[], incoming: KernelSample[], cap = MAX_KERNEL_SAMPLES): KernelSample[] {
  appendNewer(kept, incoming);
  if (kept.length <= cap) return kept;
  return kept.filter((_, i) => i % 2 === 1 || i === kept.length - 1);
}

/** The host may re-send what the panel already has (after a reload, say): only what is newer than the last kept. */
function appendNewer<T extends { tMs: number }>(kept: T[], incoming: T[]): void {
  let lastT = kept.length ? kept[kept.length - 1].tMs : -Infinity;
  for (const item of incoming) {
    if (item.tMs > lastT) {
      kept.push(item);
      lastT = item.tMs;
    }
  }
}
