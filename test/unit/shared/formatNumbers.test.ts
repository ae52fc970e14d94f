// formatCount groups digits itself (no ICU at start-up) and must read as en-US does; milliseconds and rates
// change unit where the value as printed does.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatCount, formatMs, formatRate, MISSING } from '../../../src/shared/formatNumbers';

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

test('milliseconds and rates change unit or precision where the printed value does, not one digit later', () => {
  const cases: Array<[number, string]> = [
    [0.42, '0.42 ms'], [9.994, '9.99 ms'], [9.996, '10.0 ms'], [12.34, '12.3 ms'], [99.94, '99.9 ms'], [99.96, '100 ms'],
    [512.4, '512 ms'], [999.4, '999 ms'], [999.6, '1.00 s'], [1520, '1.52 s'], [9994, '9.99 s'], [9999.6, '10.0 s'], [12_500, '12.5 s'],
  ];
  for (const [ms, text] of cases) assert.equal(formatMs(ms), text, String(ms));
  assert.equal(formatRate(99.94), '99.9');
  assert.equal(formatRate(99.96), '100');
  assert.equal(formatRate(1234.4), '1,234');
});
