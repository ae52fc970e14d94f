// The tick histogram must put every value where hdr-histogram-js itself would: the same counts index, the same
// encoding across the thread boundary, the same percentiles after the merge.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { addEncoded, createHistogram, encodeHistogram, HIGHEST_US, logBucketIndex, summarize } from '../../../src/engine/latencyHistogram';
import { COUNTS_LENGTH, countsIndex, TickHistogram, valueAtIndex } from '../../../src/engine/tickHistogram';

/** hdr-histogram-js's own index of a value (a method of its JS histogram, not in its typings). */
const hdr = createHistogram() as unknown as { countsArrayIndex(value: number): number; countsArrayLength: number };

/** Values at every bucket edge (2^k - 1, 2^k, 2^k + 1), at both ends, and a deterministic spread between. */
function probeValues(): number[] {
  const values = [1, 2, 3, 1023, 1024, 2047, 2048, 2049, 4095, 4096, HIGHEST_US - 1, HIGHEST_US];
  for (let k = 1; k < 32; k++) {
    for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1]) if (v >= 1 && v <= HIGHEST_US) values.push(v);
  }
  let seed = 12345;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // Log-uniform from 1 us to 1 h: every bucket gets some.
    values.push(Math.max(1, Math.min(HIGHEST_US, Math.round(Math.exp((seed / 2 ** 31) * Math.log(HIGHEST_US))))));
  }
  return values;
}

describe('TickHistogram', () => {
  it('finds the counts index hdr-histogram-js finds, for every bucket edge and 20,000 values between', () => {
    assert.equal(COUNTS_LENGTH, hdr.countsArrayLength, 'the same number of counts as the HDR histogram it feeds');
    for (const value of probeValues()) {
      assert.equal(countsIndex(value), hdr.countsArrayIndex(value), `counts index of ${value}`);
    }
  });

  it('maps each index to a value that lands back at that index, and is the lowest such value', () => {
    for (let index = 0; index <= countsIndex(HIGHEST_US); index++) {
      const value = valueAtIndex(index);
      if (index === 0) {
        assert.equal(value, 0);
        continue;
      }
      assert.equal(hdr.countsArrayIndex(value), index, `value ${value} of index ${index}`);
      assert.notEqual(hdr.countsArrayIndex(value - 1), index, `${value} is the lowest value of index ${index}`);
    }
  });

  it('gives the same encoding, percentiles and log buckets as recording into HDR directly', () => {
    const tick = new TickHistogram();
    const direct = createHistogram();
    const directBuckets = new Float64Array(100);
    // Fractional and out-of-range microseconds are rounded, and clamped to 1 us .. 1 h.
    const values = [...probeValues().slice(0, 5_000), 0.2, 0, -3, 1.5, 2.49, 7_200_000_000];
    for (const value of values) {
      tick.record(value);
      const micros = Math.min(HIGHEST_US, Math.max(1, Math.round(value)));
      direct.recordValue(micros);
      directBuckets[logBucketIndex(micros)]++;
    }
    const drained = createHistogram();
    const tickBuckets = new Float64Array(100);
    tick.drainInto(drained, tickBuckets);

    const merged = (encoded: string) => {
      const into = createHistogram();
      addEncoded(into, encoded);
      return into;
    };
    assert.equal(encodeHistogram(drained), encodeHistogram(direct), 'byte-identical HDR encoding');
    assert.deepEqual(summarize(merged(encodeHistogram(drained))), summarize(merged(encodeHistogram(direct))));
    assert.equal(drained.totalCount, values.length);
    // A log bucket boundary can fall inside an HDR bucket (at most 0.1% wide): allow a few counts to move across.
    let moved = 0;
    for (let i = 0; i < 100; i++) moved += Math.abs(tickBuckets[i] - directBuckets[i]);
    assert.ok(moved <= values.length * 0.01, `${moved} of ${values.length} counts in another log bucket`);
    assert.equal(
      tickBuckets.reduce((a, b) => a + b, 0),
      values.length,
    );
  });

  it('starts empty again after a drain, and counts a value seen in two ticks in each', () => {
    const tick = new TickHistogram();
    assert.equal(tick.empty, true);
    tick.record(1500);
    tick.record(1500);
    assert.equal(tick.empty, false);
    const first = createHistogram();
    tick.drainInto(first);
    assert.equal(tick.empty, true);
    tick.record(1500);
    const second = createHistogram();
    tick.drainInto(second);
    assert.equal(first.totalCount, 2);
    assert.equal(second.totalCount, 1);
    assert.equal(second.getValueAtPercentile(100), 1500);
  });
});
