// A load thread's latencies for one tick, counted with integer math in the HDR histogram's own bucket layout, and
// handed to an HDR histogram once per tick. hdr-histogram-js finds a value's bucket with Math.log2 and two Math.pow
// per record: counting a response (its two latencies, its log bucket and its status) took ~170 ns, now 27 ns.
// Nothing is rounded away: every count lands in the HDR bucket it would have, and the HDR encoding that carries a
// tick across threads keeps only bucket counts anyway (min and max are read back from the buckets).
import { clampMicros, HIGHEST_US, logBucketIndex, type Histogram } from './latencyHistogram';

/**
 * The layout createHistogram() gets from 3 significant digits and a 1 us unit: 2048 sub-buckets, the lower half of
 * every bucket after the first shared with the bucket below, so each bucket adds 1024 counts.
 */
const SUB_BUCKET_HALF_MAGNITUDE = 10;
const SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAGNITUDE;
/** Leading-zero count of a 32-bit value at the top of bucket 0 (values below 2048). */
const BUCKET_0_CLZ = 31 - SUB_BUCKET_HALF_MAGNITUDE;
export const COUNTS_LENGTH = ((countsIndex(HIGHEST_US) >> SUB_BUCKET_HALF_MAGNITUDE) + 1) << SUB_BUCKET_HALF_MAGNITUDE;

/** HDR's counts index of an integer value in [1, HIGHEST_US] (HIGHEST_US < 2^32, so 32-bit shifts hold it). */
export function countsIndex(value: number): number {
  const bucket = Math.max(0, BUCKET_0_CLZ - Math.clz32(value));
  return ((bucket + 1) << SUB_BUCKET_HALF_MAGNITUDE) + (value >>> bucket) - SUB_BUCKET_HALF;
}

/** The lowest value of a counts index: recorded into an HDR histogram, it lands at that same index. */
export function valueAtIndex(index: number): number {
  let bucket = (index >> SUB_BUCKET_HALF_MAGNITUDE) - 1;
  let subBucket = (index & (SUB_BUCKET_HALF - 1)) + SUB_BUCKET_HALF;
  if (bucket < 0) {
    subBucket -= SUB_BUCKET_HALF;
    bucket = 0;
  }
  return subBucket * 2 ** bucket;
}

export class TickHistogram {
  private readonly counts = new Uint32Array(COUNTS_LENGTH);
  /** The indexes counted since the last drain: a tick touches a few hundred of the 23,552. */
  private touched: number[] = [];

  /** Records a latency in microseconds (see clampMicros). */
  record(micros: number): void {
    const index = countsIndex(clampMicros(micros));
    if (this.counts[index]++ === 0) this.touched.push(index);
  }

  get empty(): boolean {
    return this.touched.length === 0;
  }

  /**
   * Moves this tick's counts into `into` (reset by the caller beforehand), and into the chart's log buckets when
   * given: each HDR bucket is at most 0.1% wide, and goes to the log bucket of its lowest value.
   */
  drainInto(into: Histogram, logBuckets?: Float64Array): void {
    for (const index of this.touched) {
      const count = this.counts[index];
      const value = valueAtIndex(index);
      into.recordValueWithCount(value, count);
      if (logBuckets) logBuckets[logBucketIndex(value)] += count;
      this.counts[index] = 0;
    }
    this.touched = [];
  }
}
