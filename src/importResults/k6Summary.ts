// k6's end-of-test summary as JSON: the `--summary-export` file (each metric's values flat, thresholds as
// "crossed" booleans) or the object `handleSummary(data)` receives (values under `values`, thresholds as {ok}).
// k6 measures request duration (http_req_duration), connect time (http_req_connecting, 0 on a reused
// connection), failures (http_req_failed: errors and statuses outside 200-399) and bytes on the wire.
import { importedResult, latencyFrom, type ImportedRunResult } from './importedResult';
import { ImportError } from './importError';
import type { ImportContext } from './locustStats';

type Values = Record<string, unknown>;
interface K6Metric extends Values {
  values?: Values;
  thresholds?: Record<string, boolean | { ok: boolean }>;
}
interface K6Summary {
  metrics: Record<string, K6Metric>;
  state?: { testRunDurationMs?: number };
}

export function looksLikeK6Summary(value: unknown): value is K6Summary {
  const metrics = (value as K6Summary | null)?.metrics;
  return typeof metrics === 'object' && metrics !== null && ('http_reqs' in metrics || 'iterations' in metrics || 'vus' in metrics);
}

function valuesOf(metric: K6Metric | undefined): Values {
  if (!metric) return {};
  return typeof metric.values === 'object' && metric.values !== null ? metric.values : metric;
}

function num(values: Values, key: string): number | undefined {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** k6 reports trends with the stats of summaryTrendStats: avg, min, med, max, p(90), p(95) by default. */
function trend(values: Values, count: number) {
  return latencyFrom({
    count: num(values, 'count') ?? count,
    min: num(values, 'min'),
    mean: num(values, 'avg'),
    max: num(values, 'max'),
    p50: num(values, 'med') ?? num(values, 'p(50)'),
    p75: num(values, 'p(75)'),
    p90: num(values, 'p(90)'),
    p95: num(values, 'p(95)'),
    p99: num(values, 'p(99)'),
    p999: num(values, 'p(99.9)'),
    p9999: num(values, 'p(99.99)'),
  });
}

function thresholdNotes(metrics: Record<string, K6Metric>): string[] {
  const notes: string[] = [];
  for (const [name, metric] of Object.entries(metrics)) {
    // --summary-export puts `thresholds` among the values (true = crossed); handleSummary data beside them ({ok}).
    const thresholds = metric.thresholds ?? (valuesOf(metric).thresholds as K6Metric['thresholds']);
    for (const [expression, outcome] of Object.entries(thresholds ?? {})) {
      const passed = typeof outcome === 'boolean' ? !outcome : outcome.ok;
      notes.push(`k6 threshold ${name} ${expression}: ${passed ? 'passed' : 'FAILED'}`);
    }
  }
  return notes;
}

export function importK6Summary(summary: K6Summary, context: ImportContext): ImportedRunResult {
  const m = summary.metrics;
  const reqs = valuesOf(m.http_reqs);
  const requests = num(reqs, 'count');
  if (requests === undefined) {
    throw new ImportError(`${context.file} has no http_reqs count: it is a k6 summary of a test without HTTP requests, or k6's newer machine-readable summary (run without --new-machine-readable-summary)`);
  }
  const rate = num(reqs, 'rate');
  const failedValues = valuesOf(m.http_req_failed);
  // A Rate metric counts non-zero samples as passes: for http_req_failed a "pass" is a failed request.
  const failed = num(failedValues, 'passes') ?? Math.round((num(failedValues, 'rate') ?? num(failedValues, 'value') ?? Number.NaN) * requests);
  const durationMs = summary.state?.testRunDurationMs ?? (rate && rate > 0 ? (requests / rate) * 1000 : Number.NaN);
  const notMeasured = ['time to first byte as Load Test Localhost measures it', 'latency spread (stdev)'];
  const duration = valuesOf(m.http_req_duration);
  if (num(duration, 'p(99)') === undefined) notMeasured.push('p99 (add p(99) to summaryTrendStats; exported scripts do)');
  const connecting = m.http_req_connecting ? trend(valuesOf(m.http_req_connecting), requests) : undefined;
  if (!connecting) notMeasured.push('connect time');
  return importedResult({
    info: { tool: 'k6', format: summary.state ? 'k6 handleSummary data' : 'k6 --summary-export', file: context.file },
    notMeasured,
    url: context.url,
    users: num(valuesOf(m.vus_max), 'max') ?? num(valuesOf(m.vus_max), 'value'),
    startedAt: new Date(context.modifiedAt.getTime() - (Number.isFinite(durationMs) ? durationMs : 0)).toISOString(),
    durationMs,
    requests,
    failed,
    requestsPerSec: rate ?? Number.NaN,
    bytesRead: num(valuesOf(m.data_received), 'count'),
    bytesWritten: num(valuesOf(m.data_sent), 'count'),
    total: trend(duration, requests),
    connect: connecting,
    notes: [
      ...(connecting ? ['k6 records a connect time of 0 ms for requests on a reused connection: compare connect times only for runs without keep-alive.'] : []),
      'k6 counts a response outside 200-399 as failed; Load Test Localhost counts it as a completed (non-2xx) response.',
      ...thresholdNotes(m),
    ],
  });
}
