// Counts in a --fail-on verdict read as everywhere else in the report: grouped by thousands.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { judgeThresholds, parseFailOn } from '../../../src/thresholds/failOnThresholds';
import { runResult } from '../diagnosis/runResultFixture';

test('failed and non-2xx counts, and the requests they are a share of, are grouped', () => {
  const result = runResult();
  result.requests = { ...result.requests, started: 198_737, ok: 198_737, failed: 0, inFlight: 0, non2xx: 198_737 };
  const verdicts = judgeThresholds(parseFailOn('errors<1%,non2xx<1%,non2xx<1000'), result);
  assert.deepEqual(
    verdicts.map((v) => v.measuredText),
    [
      '0.00% (0 of 198,737 ended); 198,737 responses were not 2xx, gated by non2xx',
      '100.00% (198,737 of 198,737 answered)',
      '198,737 not 2xx',
    ],
  );
});

test('shares are of the requests that ended: requests in flight at the stop have no outcome and do not dilute them', () => {
  const result = runResult();
  // A slow server stopped by -d: 90 answered (9 of them 404), 10 failed, 50 still on the wire.
  result.requests = { ...result.requests, started: 150, ok: 90, failed: 10, inFlight: 50, non2xx: 9 };
  const verdicts = judgeThresholds(parseFailOn('errors<8%,non2xx<=10%'), result);
  assert.deepEqual(
    verdicts.map((v) => [v.measured, v.measuredText, v.passed]),
    [
      [0.1, '10.00% (10 of 100 ended); 9 responses were not 2xx, gated by non2xx', false],
      [0.1, '10.00% (9 of 90 answered)', true],
    ],
  );
});

test('a run where no request ended has no share, and passes no share threshold', () => {
  const result = runResult();
  result.requests = { ...result.requests, started: 50, ok: 0, failed: 0, inFlight: 50, non2xx: 0 };
  const verdicts = judgeThresholds(parseFailOn('errors<1%,non2xx<1%'), result);
  assert.deepEqual(
    verdicts.map((v) => [v.measuredText, v.passed]),
    [
      ['no request ended', false],
      ['no request ended', false],
    ],
  );
});
