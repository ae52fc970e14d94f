// Number formatting shared by the summary cards, tooltips and tables, so one figure reads the same everywhere.

/** Integer with thousands separators, e.g. 12 345. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Rates keep one decimal below 100 so small numbers are not rounded to nothing. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 100 ? value.toFixed(1) : formatCount(value);
}

/** Milliseconds chosen to the magnitude: 0.42 ms, 12.3 ms, 1.52 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Bytes per second in binary units. */
export function formatBytesPerSec(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Seconds on a time axis: "12 s", or "1:05" past a minute. */
export function formatAxisSeconds(seconds: number): string {
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Duration of a run or option, e.g. "30 s", "2 min". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}

/** Bucket label for a distribution bar, compact: "1–2 ms", "1.0–1.4 s". */
export function formatBucketLabel(fromMs: number, toMs: number): string {
  return `${formatMs(fromMs)}–${formatMs(toMs)}`;
}
