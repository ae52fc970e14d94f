// Progress to the panel is merged and paced; the status bar words for each state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunProgress, RunResult, SeriesPoint } from '../../../src/shared/result';
import { ProgressCoalescer } from '../../../src/extension/progressCoalescer';
import { finishedText, hasProblems, runningText } from '../../../src/extension/statusBarText';

function point(tMs: number): SeriesPoint {
  return { tMs, intervalMs: 250, completed: 10, failed: 0, errorsByCause: {}, bytesRead: 0, openConnections: 1, connectingConnections: 0 };
}

function progress(points: SeriesPoint[], failed = 0, fraction?: number): RunProgress {
  return { points, fraction, requestsPerSec: 1234.4, requests: { started: 0, ok: 0, failed, inFlight: 0, non2xx: 0 } } as unknown as RunProgress;
}

test('progress is sent at most once per interval, with every point in between', async () => {
  let now = 1000;
  const sent: RunProgress[] = [];
  const coalescer = new ProgressCoalescer((p) => sent.push(p), 250, () => now);
  coalescer.push(progress([point(250)]));
  assert.equal(sent.length, 1, 'the first snapshot goes at once');
  now += 50;
  coalescer.push(progress([point(500)]));
  coalescer.push(progress([point(750)]));
  assert.equal(sent.length, 1, 'later ones wait for the interval');
  coalescer.flush();
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1].points.map((p) => p.tMs), [500, 750]);
  coalescer.flush();
  assert.equal(sent.length, 2, 'nothing new, nothing sent');
  coalescer.dispose();
});

test('status bar: live numbers while running, summary after, warning only for findings', () => {
  assert.equal(runningText(progress([], 3, 0.456)), '$(loading~spin) 1,234 req/s · 3 err · 45%');
  const result = {
    requests: { ok: 500, failed: 0 },
    throughput: { requestsPerSec: 250 },
    latency: { total: { p99: 3.2 } },
    connections: { connectingAtStop: 0 },
    findings: [{ severity: 'info' }],
  } as unknown as RunResult;
  assert.equal(finishedText(result), '$(pass) 250 req/s · p99 3.20 ms · 500 ok');
  assert.equal(hasProblems(result), false);
  const bad = { ...result, findings: [{ severity: 'warning' }] } as unknown as RunResult;
  assert.equal(hasProblems(bad), true);
  assert.match(finishedText(bad), /^\$\(warning\) /);
  const starved = { ...result, connections: { connectingAtStop: 41 } } as unknown as RunResult;
  assert.match(finishedText(starved), /^\$\(warning\) .*41 starved/, 'starved connections are not a pass');
});
