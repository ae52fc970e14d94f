// formatCount groups digits itself (no ICU at start-up): it must read exactly as en-US's toLocaleString does.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatCount, MISSING } from '../../../src/shared/formatNumbers';

test('formatCount reads as en-US toLocaleString for every digit count, rounding and sign', () => {
  const values = [0, 0.4, 0.5, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 12345, 123456, 999999.5, 1234567, -1234567, 2 ** 31, 2 ** 53, 1e20, 1e21, 5e22];
  for (let digits = 1; digits <= 16; digits++) values.push(10 ** digits - 1, 10 ** digits, 7 * 10 ** (digits - 1) + 123);
  for (const value of values) {
    assert.equal(formatCount(value), Math.round(value).toLocaleString('en-US'), String(value));
  }
  // Where en-US writes "-0" (a negative fraction rounded to zero), a count reads 0.
  assert.equal(formatCount(-0), '0');
  assert.equal(formatCount(-0.4), '0');
  assert.equal(formatCount(Number.NaN), MISSING);
  assert.equal(formatCount(Number.POSITIVE_INFINITY), MISSING);
});
