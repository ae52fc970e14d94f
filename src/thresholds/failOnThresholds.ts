// `--fail-on "p99<200ms,errors<1%,rps>500"`: thresholds a CI job gates on. Parsed before the run (bad syntax is a
// usage error, exit 2), judged on the finished RunResult, each printed as pass or FAIL.
import { UsageError } from '../engine/loadOptions';
import { requestsEnded, type LatencySummary, type RunResult } from '../shared/result';
import { formatCount, formatMs, formatRate } from '../shared/formatNumbers';

export type ThresholdMetric = 'p50' | 'p75' | 'p90' | 'p95' | 'p99' | 'p999' | 'mean' | 'max' | 'connect-p99' | 'errors' | 'non2xx' | 'rps';
export type ThresholdOperator = '<' | '<=' | '>' | '>=';

export interface Threshold {
  /** As the user wrote it, e.g. "p99<200ms". */
  text: string;
  metric: ThresholdMetric;
  operator: ThresholdOperator;
  /** ms for latency, req/s for rps, a 0..1 ratio for errors given in %, a count for errors given without %. */
  limit: number;
  /** errors and non2xx: true when the limit is a share of the requests (%), false for a count. */
  ratio?: boolean;
}

export interface ThresholdVerdict {
  threshold: Threshold;
  passed: boolean;
  /** The measured value in the threshold's unit, NaN when the run could not measure it. */
  measured: number;
  /** e.g. "12.3 ms", "3.2% (32 of 1,000)", "no completed request". */
  measuredText: string;
}

const LATENCY: Record<string, keyof LatencySummary> = { p50: 'p50', p75: 'p75', p90: 'p90', p95: 'p95', p99: 'p99', 'p99.9': 'p999', p999: 'p999', mean: 'mean', avg: 'mean', max: 'max' };
const TIME_UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000 };
const ONE = /^\s*([a-z][a-z0-9.-]*)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*([a-zµ%/]*)\s*$/i;

export const FAIL_ON_HELP = 'p50|p75|p90|p95|p99|p99.9|mean|max|connect-p99 <|<=|>|>= time (ms, s, us), errors (no response) or non2xx (a response other than 2xx) < 1% or a count, rps > n';

function parseOne(text: string): Threshold {
  const match = ONE.exec(text);
  if (!match) throw new UsageError(`--fail-on: "${text}" is not a threshold (expected e.g. p99<200ms, errors<1%, rps>500)`);
  const [, rawName, operator, rawValue, rawUnit] = match;
  const name = rawName.toLowerCase();
  const unit = rawUnit.toLowerCase();
  const value = Number(rawValue);
  const base = { text: text.trim(), operator: operator as ThresholdOperator };
  if (name in LATENCY || name === 'connect-p99') {
    const factor = TIME_UNITS[unit === '' ? 'ms' : unit];
    if (factor === undefined) throw new UsageError(`--fail-on: "${text}": ${name} takes a time (200ms, 1.5s, 800us), not "${rawUnit}"`);
    const metric = (name === 'connect-p99' ? 'connect-p99' : name === 'p99.9' ? 'p999' : name === 'avg' ? 'mean' : name) as ThresholdMetric;
    return { ...base, metric, limit: value * factor };
  }
  if (name === 'errors' || name === 'non2xx') {
    if (unit === '%') return { ...base, metric: name, limit: value / 100, ratio: true };
    if (unit === '') return { ...base, metric: name, limit: value, ratio: false };
    throw new UsageError(`--fail-on: "${text}": ${name} takes a percentage (1%) or a count (5)`);
  }
  if (name === 'rps') {
    if (unit !== '' && unit !== 'req/s' && unit !== '/s') throw new UsageError(`--fail-on: "${text}": rps takes requests per second (500)`);
    return { ...base, metric: 'rps', limit: value };
  }
  throw new UsageError(`--fail-on: unknown measure "${rawName}" in "${text}" (known: ${FAIL_ON_HELP})`);
}

export function parseFailOn(spec: string): Threshold[] {
  const parts = spec.split(',').filter((part) => part.trim() !== '');
  if (parts.length === 0) throw new UsageError('--fail-on needs at least one threshold, e.g. --fail-on "p99<200ms,errors<1%"');
  return parts.map(parseOne);
}

function compare(value: number, operator: ThresholdOperator, limit: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (operator === '<') return value < limit;
  if (operator === '<=') return value <= limit;
  if (operator === '>') return value > limit;
  return value >= limit;
}

function measure(threshold: Threshold, result: RunResult): { measured: number; measuredText: string } {
  const r = result.requests;
  if (threshold.metric === 'errors' || threshold.metric === 'non2xx') {
    const count = threshold.metric === 'errors' ? r.failed : r.non2xx;
    // Not measured by every tool (an imported Locust run has no status breakdown): no figure, no pass.
    if (!Number.isFinite(count)) return { measured: Number.NaN, measuredText: notImported(threshold, result) };
    // A response with an error status is a response, not a failed request: say so where it would pass unnoticed.
    const aside = threshold.metric === 'errors' && r.non2xx > 0 ? `; ${formatCount(r.non2xx)} responses were not 2xx, gated by non2xx` : '';
    if (!threshold.ratio) return { measured: count, measuredText: `${formatCount(count)} ${threshold.metric === 'errors' ? 'failed' : 'not 2xx'}${aside}` };
    // Errors are a share of the requests that ended, non-2xx of the responses: never of requests still in flight.
    const [ended, of] = threshold.metric === 'errors' ? [requestsEnded(r), 'ended'] : [r.ok, 'answered'];
    if (ended === 0) return { measured: Number.NaN, measuredText: r.started === 0 ? 'no request sent' : 'no request ended' };
    const share = count / ended;
    return { measured: share, measuredText: `${(share * 100).toFixed(2)}% (${formatCount(count)} of ${formatCount(ended)} ${of})${aside}` };
  }
  if (threshold.metric === 'rps') return { measured: result.throughput.requestsPerSec, measuredText: `${formatRate(result.throughput.requestsPerSec)} req/s` };
  const summary = threshold.metric === 'connect-p99' ? result.latency.connect : result.latency.total;
  // A run whose requests all failed has no latency: it cannot pass a latency threshold.
  if (!(summary.count > 0)) return { measured: Number.NaN, measuredText: threshold.metric === 'connect-p99' ? 'no connection measured' : 'no completed request' };
  const value = threshold.metric === 'connect-p99' ? summary.p99 : summary[LATENCY[threshold.metric]];
  // Only an imported result lacks a figure: k6's summary has the percentiles its summaryTrendStats listed.
  if (!Number.isFinite(value)) return { measured: Number.NaN, measuredText: notImported(threshold, result) };
  return { measured: value, measuredText: formatMs(value) };
}

function notImported(threshold: Threshold, result: RunResult): string {
  if (!result.imported) return 'not measured';
  const k6Hint = result.imported.tool === 'k6' && /^p\d/.test(threshold.metric) ? ` (k6 writes p(${threshold.metric.slice(1).replace(/^999$/, '99.9')}) when --summary-trend-stats lists it)` : '';
  return `not in the ${result.imported.format} file${k6Hint}`;
}

export function judgeThresholds(thresholds: Threshold[], result: RunResult): ThresholdVerdict[] {
  return thresholds.map((threshold) => {
    const { measured, measuredText } = measure(threshold, result);
    return { threshold, measured, measuredText, passed: compare(measured, threshold.operator, threshold.limit) };
  });
}

export function formatVerdicts(verdicts: ThresholdVerdict[], style: { red(t: string): string; green(t: string): string; bold(t: string): string }): string {
  const width = Math.max(...verdicts.map((v) => v.threshold.text.length));
  const lines = verdicts.map((v) => `  ${v.passed ? style.green('pass') : style.red('FAIL')}  ${v.threshold.text.padEnd(width)}   measured ${v.measuredText}`);
  const failed = verdicts.filter((v) => !v.passed).length;
  const title = failed === 0 ? `Thresholds: all ${verdicts.length} passed` : `Thresholds: ${failed} of ${verdicts.length} FAILED`;
  return [style.bold(failed === 0 ? title : style.red(title)), ...lines].join('\n');
}
