// Latency is recorded in microseconds in HDR histograms (full percentile spectrum, exact merge across workers)
// plus a small log-bucket array for the distribution charts.
// The builder and the codec only: the package index also loads its log reader/writer and recorder, which every
// load thread would pay for at start.
import type { Histogram as HdrHistogram } from 'hdr-histogram-js';
import { build } from 'hdr-histogram-js/dist/HistogramBuilder';
import { decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js/dist/encoding';
import type { DistributionBucket, LatencySummary } from '../shared/result';

export type Histogram = HdrHistogram;

/** 1 us .. 1 h at 3 significant digits; values above are clamped, never thrown. */
export const HIGHEST_US = 3_600_000_000;

export function createHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
    useWebAssembly: false,
  });
}

/** A latency as the integer microseconds a histogram counts: rounded, and clamped to 1 us .. 1 h (never thrown). */
export function clampMicros(micros: number): number {
  return micros < 1 ? 1 : micros > HIGHEST_US ? HIGHEST_US : Math.round(micros);
}

export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

export function addEncoded(into: Histogram, encoded: string): void {
  const decoded = decodeFromCompressedBase64(encoded, 32, false);
  into.add(decoded);
  decoded.destroy();
}

const ms = (micros: number): number => Math.round(micros) / 1000;

export function summarize(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) {
    return { count: 0, min: 0, mean: 0, stdev: 0, max: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p999: 0, p9999: 0 };
  }
  const at = (p: number) => ms(histogram.getValueAtPercentile(p));
  return {
    count,
    min: ms(histogram.minNonZeroValue),
    mean: ms(histogram.mean),
    stdev: ms(histogram.stdDeviation),
    max: ms(histogram.maxValue),
    p50: at(50),
    p75: at(75),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    p9999: at(99.99),
  };
}

/** Ten buckets a decade from 1 us to 10^10 us: fine enough to show SYN-retransmit clusters at 1 s, 3 s, 7 s. */
export const BUCKETS_PER_DECADE = 10;
export const BUCKET_COUNT = 10 * BUCKETS_PER_DECADE;

export function logBucketIndex(micros: number): number {
  if (micros < 1) return 0;
  return Math.min(BUCKET_COUNT - 1, Math.floor(Math.log10(micros) * BUCKETS_PER_DECADE));
}

export function createLogBuckets(): Float64Array {
  return new Float64Array(BUCKET_COUNT);
}

export function addLogBuckets(into: Float64Array, from: ArrayLike<number>): void {
  for (let i = 0; i < BUCKET_COUNT; i++) into[i] += from[i];
}

/** The non-empty stretch of buckets, in ms, for charts (empty buckets inside the stretch are kept: gaps matter). */
export function toDistribution(buckets: ArrayLike<number>): DistributionBucket[] {
  let first = -1;
  let last = -1;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    if (buckets[i] > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const result: DistributionBucket[] = [];
  if (first < 0) return result;
  for (let i = first; i <= last; i++) {
    result.push({
      fromMs: Number((10 ** (i / BUCKETS_PER_DECADE) / 1000).toPrecision(3)),
      toMs: Number((10 ** ((i + 1) / BUCKETS_PER_DECADE) / 1000).toPrecision(3)),
      count: buckets[i],
    });
  }
  return result;
}
