// How numbers read everywhere (CLI report, panel, status bar, history): one formatter, so one figure reads the same
// in every place. Milliseconds to a sensible precision, bytes in binary units, counts grouped.

/** What a value that was not measured (or is not a number) reads as. */
export const MISSING = '–';

/** Milliseconds chosen to the magnitude: 0.42 ms, 12.3 ms, 512 ms, 1.52 s, 12.5 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return MISSING;
  // Each step is chosen by the value as it would print, so 999.6 ms reads 1.00 s, not "1000 ms".
  const below = (digits: number, scale: number, limit: number) => Number((ms / scale).toFixed(digits)) < limit;
  if (below(2, 1, 10)) return `${ms.toFixed(2)} ms`;
  if (below(1, 1, 100)) return `${ms.toFixed(1)} ms`;
  if (below(0, 1, 1000)) return `${ms.toFixed(0)} ms`;
  if (below(2, 1000, 10)) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Binary units with one decimal above bytes: 512 B, 15.0 KiB, 1.2 MiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatBytesPerSec(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

/**
 * Integer with thousands separators, e.g. 12,345: grouped here, as en-US groups them, because the first
 * toLocaleString of a process loads ICU's locale data, ~10 ms of CPU in every CLI run.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded));
  if (digits.includes('e')) return rounded.toLocaleString('en-US'); // 1e21 and above
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return rounded < 0 ? `-${grouped}` : grouped;
}

/** Rates keep one decimal below 100 so small numbers are not rounded to nothing. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return MISSING;
  // Chosen by the value as it would print: 99.96 reads 100, not "100.0".
  return Number(perSecond.toFixed(1)) >= 100 ? formatCount(perSecond) : perSecond.toFixed(1);
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (part / whole) * 100;
  return p > 0 && p < 0.1 ? '<0.1%' : `${p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** Duration of a run or an option, e.g. "30 s", "2 min". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}

/** Seconds on a time axis: "12 s", or "1:05" past a minute. */
export function formatAxisSeconds(seconds: number): string {
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Bucket label for a distribution bar, compact: "1.00–2.00 ms", "1.00–1.40 s". */
export function formatBucketLabel(fromMs: number, toMs: number): string {
  return `${formatMs(fromMs)}–${formatMs(toMs)}`;
}
