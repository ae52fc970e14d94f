// Distribution buckets as bars: trimmed to the range that has values, so the bars are wide enough to read.
import type { DistributionBucket } from '../../src/shared/result';

export function trimEmptyEnds(buckets: DistributionBucket[]): DistributionBucket[] {
  let first = buckets.findIndex((b) => b.count > 0);
  if (first < 0) return [];
  let last = buckets.length - 1;
  while (last > first && buckets[last].count === 0) last--;
  // One empty bucket either side keeps the shape from touching the chart edges.
  first = Math.max(0, first - 1);
  last = Math.min(buckets.length - 1, last + 1);
  return buckets.slice(first, last + 1);
}

/**
 * Where `ms` falls among the bars, as a fractional bar index (3.5 = half-way through bar 3), interpolated on a log
 * scale because the buckets are log-spaced. Undefined when outside every bar.
 */
export function fractionalBucketIndex(buckets: DistributionBucket[], ms: number): number | undefined {
  for (let i = 0; i < buckets.length; i++) {
    const { fromMs, toMs } = buckets[i];
    if (ms >= fromMs && ms < toMs) {
      const span = fromMs > 0 ? Math.log(toMs / fromMs) : 0;
      return i + (span > 0 ? Math.log(ms / fromMs) / span : 0);
    }
  }
  return undefined;
}
