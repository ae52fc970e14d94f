// Locust's results: the `--csv PREFIX` stats file (PREFIX_stats.csv, its "Aggregated" row) or the `--json` list of
// stats entries (one per name and method, with a response-time histogram). Locust measures whole-request time,
// counts and failures (any exception, or a status of 400 and above); not connect time, nor first byte.
import { parse as parseCsv } from './csvRows';
import { importedResult, latencyFrom, type ImportedRunResult } from './importedResult';
import { ImportError } from './importError';

export interface ImportContext {
  file: string;
  /** When the file was written: the end of the run, for formats without a start time. */
  modifiedAt: Date;
  /** The target, when the user says it (Locust's files name only the path). */
  url?: string;
}

const REQUIRED_COLUMNS = ['Type', 'Name', 'Request Count', 'Failure Count', 'Average Response Time', 'Min Response Time', 'Max Response Time', 'Requests/s'];
const NOT_MEASURED = ['connect time', 'time to first byte', 'latency spread (stdev)', 'bytes sent'];

export function looksLikeLocustCsv(text: string): boolean {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes('Request Count') && header.includes('Failure Count') && header.includes('Name');
}

export function importLocustCsv(text: string, context: ImportContext): ImportedRunResult {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) throw new ImportError(`${context.file} is not a Locust stats CSV (no "${column}" column); use the PREFIX_stats.csv that --csv PREFIX writes`);
  }
  const cell = (row: string[], column: string) => row[header.indexOf(column)];
  const number = (row: string[], column: string) => {
    const raw = cell(row, column);
    if (raw === undefined || raw === '' || raw === 'N/A') return Number.NaN;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new ImportError(`${context.file}: "${raw}" in column ${column} is not a number`);
    return value;
  };
  const body = rows.slice(1).filter((row) => row.length > 1);
  const total = body.find((row) => cell(row, 'Name') === 'Aggregated');
  if (!total) throw new ImportError(`${context.file} has no "Aggregated" row: was the run stopped before Locust wrote its stats?`);
  const endpoints = body.filter((row) => row !== total);
  const requests = number(total, 'Request Count');
  const rps = number(total, 'Requests/s');
  const durationMs = requests > 0 && rps > 0 ? (requests / rps) * 1000 : Number.NaN;
  const percentile = (label: string) => (header.includes(label) ? number(total, label) : Number.NaN);
  const methods = [...new Set(endpoints.map((row) => cell(row, 'Type')).filter(Boolean))];
  const averageSize = number(total, 'Average Content Size');
  return importedResult({
    info: { tool: 'locust', format: 'Locust --csv stats', file: context.file },
    notMeasured: NOT_MEASURED,
    url: context.url,
    method: methods.length === 1 ? methods[0] : undefined,
    startedAt: new Date(context.modifiedAt.getTime() - (Number.isFinite(durationMs) ? durationMs : 0)).toISOString(),
    durationMs,
    requests,
    failed: number(total, 'Failure Count'),
    requestsPerSec: rps,
    // Locust keeps the average body size; times the count it is the body bytes read (headers not included).
    bytesRead: Number.isFinite(averageSize) ? Math.round(averageSize * requests) : undefined,
    total: latencyFrom({
      count: requests,
      min: number(total, 'Min Response Time'),
      mean: number(total, 'Average Response Time'),
      max: number(total, 'Max Response Time'),
      p50: percentile('50%'),
      p75: percentile('75%'),
      p90: percentile('90%'),
      p95: percentile('95%'),
      p99: percentile('99%'),
      p999: percentile('99.9%'),
      p9999: percentile('99.99%'),
    }),
    notes: endpoints.length > 1 ? [`${endpoints.length} request names in the file; the figures are Locust's Aggregated row.`] : undefined,
  });
}

interface LocustJsonEntry {
  name: string;
  method: string;
  start_time: number;
  last_request_timestamp: number | null;
  num_requests: number;
  num_failures: number;
  total_response_time: number;
  max_response_time: number;
  min_response_time: number | null;
  total_content_length: number;
  response_times: Record<string, number>;
}

export function looksLikeLocustJson(value: unknown): value is LocustJsonEntry[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && 'num_requests' in e && 'response_times' in e);
}

/**
 * The percentile of Locust's response-time histogram, the way Locust reads it: the smallest recorded time that at
 * least `fraction` of the requests did not exceed.
 */
export function histogramPercentile(histogram: Map<number, number>, count: number, fraction: number): number {
  if (count === 0) return Number.NaN;
  const allowedAbove = count - Math.floor(count * fraction);
  let above = 0;
  for (const time of [...histogram.keys()].sort((a, b) => b - a)) {
    above += histogram.get(time)!;
    if (above >= allowedAbove) return time;
  }
  return Math.min(...histogram.keys());
}

export function importLocustJson(entries: LocustJsonEntry[], context: ImportContext): ImportedRunResult {
  if (entries.length === 0) throw new ImportError(`${context.file} lists no requests: Locust writes an empty list when nothing was sent`);
  const histogram = new Map<number, number>();
  let requests = 0;
  let failed = 0;
  let totalTime = 0;
  let bytes = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const e of entries) {
    requests += e.num_requests;
    failed += e.num_failures;
    totalTime += e.total_response_time;
    bytes += e.total_content_length;
    if (e.min_response_time !== null) min = Math.min(min, e.min_response_time);
    max = Math.max(max, e.max_response_time);
    start = Math.min(start, e.start_time);
    end = Math.max(end, e.last_request_timestamp ?? e.start_time);
    for (const [time, n] of Object.entries(e.response_times)) histogram.set(Number(time), (histogram.get(Number(time)) ?? 0) + n);
  }
  // Locust's own req/s: requests over the time from the first start to the last request.
  const durationMs = (end - start) * 1000;
  const p = (fraction: number) => histogramPercentile(histogram, requests, fraction);
  const methods = [...new Set(entries.map((e) => e.method))];
  return importedResult({
    info: { tool: 'locust', format: 'Locust --json', file: context.file },
    notMeasured: NOT_MEASURED,
    url: context.url,
    method: methods.length === 1 ? methods[0] : undefined,
    startedAt: new Date(start * 1000).toISOString(),
    durationMs,
    requests,
    failed,
    requestsPerSec: durationMs > 0 ? (requests * 1000) / durationMs : Number.NaN,
    bytesRead: bytes,
    total: latencyFrom({
      count: requests,
      min: Number.isFinite(min) ? min : undefined,
      mean: requests > 0 ? totalTime / requests : undefined,
      max,
      p50: p(0.5),
      p75: p(0.75),
      p90: p(0.9),
      p95: p(0.95),
      p99: p(0.99),
      p999: p(0.999),
      p9999: p(0.9999),
    }),
    notes: entries.length > 1 ? [`${entries.length} request names in the file; the figures cover all of them.`] : undefined,
  });
}
