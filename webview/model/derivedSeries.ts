// Turns series points into chart coordinates: x in seconds since the load started, y per second or in ms.
import type { ErrorCause, SeriesPoint } from '../../src/shared/result';

export interface XY {
  x: number;
  y: number | null;
}

const perSecond = (count: number, p: SeriesPoint): number => (p.intervalMs > 0 ? (count * 1000) / p.intervalMs : 0);

export function completedPerSecond(series: SeriesPoint[]): XY[] {
  return series.map((p) => ({ x: p.tMs / 1000, y: perSecond(p.completed, p) }));
}

/** Error causes present anywhere in the series, most frequent first, so the legend order is stable and useful. */
export function errorCausesIn(series: SeriesPoint[]): ErrorCause[] {
  const totals = new Map<ErrorCause, number>();
  for (const p of series) {
    for (const [cause, count] of Object.entries(p.errorsByCause) as Array<[ErrorCause, number]>) {
      totals.set(cause, (totals.get(cause) ?? 0) + count);
    }
  }
  return [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([cause]) => cause);
}

export function errorsPerSecond(series: SeriesPoint[], cause: ErrorCause): XY[] {
  return series.map((p) => ({ x: p.tMs / 1000, y: perSecond(p.errorsByCause[cause] ?? 0, p) }));
}

export type LatencyField = 'latencyP50' | 'latencyP90' | 'latencyP99' | 'connectP99';

/** Gaps (no request completed in the interval) stay gaps rather than dropping to zero. */
export function latencyOverTime(series: SeriesPoint[], field: LatencyField): XY[] {
  return series.map((p) => ({ x: p.tMs / 1000, y: p[field] ?? null }));
}

/**
 * Point radii for a line with gaps: values in a stretch of at most `shortRun` points between gaps (requests that
 * completed long after the rest, e.g. stalled connects finishing at 28 s of a 20 s run) would draw nothing or a short
 * dash; they get dots, so they read as points in time.
 */
export function isolatedPointRadii(data: XY[], radius = 2.5, shortRun = 2): number[] {
  const radii = data.map(() => 0);
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && data[i].y !== null) continue;
    if (i - start > 0 && i - start <= shortRun) radii.fill(radius, start, i);
    start = i + 1;
  }
  return radii;
}

/** Mean bytes per second over the last `windowMs` of the series. */
export function recentBytesPerSecond(series: SeriesPoint[], windowMs = 1000): number {
  let bytes = 0;
  let ms = 0;
  for (let i = series.length - 1; i >= 0 && ms < windowMs; i--) {
    bytes += series[i].bytesRead;
    ms += series[i].intervalMs;
  }
  return ms > 0 ? (bytes * 1000) / ms : 0;
}

/** A run's highest point in requests per second: ok and failed stacked, as the throughput chart draws them. */
export function ownPeakPerSecond(series: SeriesPoint[]): number {
  return Math.max(0, ...series.map((p) => perSecond(p.completed + p.failed, p)));
}

/**
 * The baseline's peak when it is over 4 times this run's (another load, another server), else undefined: the
 * throughput axis then follows this run, which the baseline would flatten to a line at zero.
 */
export function baselineAboveAxis(series: SeriesPoint[], baseline: SeriesPoint[] | undefined): number | undefined {
  if (!baseline?.length) return undefined;
  const own = ownPeakPerSecond(series);
  const peak = Math.max(0, ...completedPerSecond(baseline).map((p) => p.y ?? 0));
  return own > 0 && peak > 4 * own ? peak : undefined;
}
