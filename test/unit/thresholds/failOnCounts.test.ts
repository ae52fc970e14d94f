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
      '0.00% (0 of 198,737); 198,737 responses were not 2xx, gated by non2xx',
      '100.00% (198,737 of 198,737)',
      '198,737 not 2xx',
    ],
  );
});
