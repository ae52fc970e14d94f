// The aggregator on hand-made interval reports from two load threads, with every expected number worked out by
// hand: ticks become points only when both threads reported past them, ticks add up into seconds, the whole run
// into the result (as oha tests its aggregation without a network).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { clampMicros, createHistogram, encodeHistogram } from '../../../src/engine/latencyHistogram';
import { normalizeLoadOptions } from '../../../src/engine/loadOptions';
import type { ResolvedTarget } from '../../../src/engine/loopbackTarget';
import { ResultAggregator } from '../../../src/engine/resultAggregator';
import type { ErrorCount } from '../../../src/shared/result';
import type { IntervalReport } from '../../../src/engine/workerMessages';

const TICK_MS = 250;

/** Latencies below 2.048 ms are stored exactly by the 3-digit HDR histogram, so percentiles come out exact. */
function encoded(latenciesMs: number[]): string {
  if (latenciesMs.length === 0) return '';
  const h = createHistogram();
  for (const ms of latenciesMs) h.recordValue(clampMicros(ms * 1000));
  const text = encodeHistogram(h);
  h.destroy();
  return text;
}

interface Tick {
  totalsMs?: number[];
  connectsMs?: number[];
  statusCodes?: Record<string, number>;
  errors?: ErrorCount[];
  started?: number;
  open?: number;
  connecting?: number;
  /** Requests in flight when the thread reported (a gauge the thread counts over its connections). */
  inFlight?: number;
}

function report(workerIndex: number, tick: number, t: Tick): IntervalReport {
  const totals = t.totalsMs ?? [];
  const failed = (t.errors ?? []).reduce((n, e) => n + e.count, 0);
  const non2xx = Object.entries(t.statusCodes ?? {}).filter(([code]) => !code.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    type: 'interval',
    workerIndex,
    tick,
    started: t.started ?? totals.length + failed,
    completed: totals.length,
    failed,
    non2xx,
    bytesRead: totals.length * 100,
    bodyBytesRead: totals.length * 80,
    bytesWritten: (totals.length + failed) * 50,
    connectsOpened: (t.connectsMs ?? []).length,
    connectsFailed: 0,
    lengthVariations: 0,
    lateRequests: 0,
    maxLagMs: 0,
    statusCodes: t.statusCodes ?? { 200: totals.length },
    errors: t.errors ?? [],
    total: encoded(totals),
    connect: encoded(t.connectsMs ?? []),
    firstByte: encoded(totals.map((ms) => ms - 0.5)),
    totalBuckets: [],
    connectBuckets: [],
    openConnections: t.open ?? 2,
    connectingConnections: t.connecting ?? 0,
    inFlight: t.inFlight ?? 0,
  };
}

const reset = (count: number): ErrorCount => ({ cause: 'ECONNRESET', phase: 'wait-headers', count, example: 'read ECONNRESET' });
const refused = (count: number): ErrorCount => ({ cause: 'ECONNREFUSED', phase: 'connect', count, example: 'connect ECONNREFUSED 127.0.0.1:3000' });

const target: ResolvedTarget = { host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'], connectAddress: '127.0.0.1', unreachable: [] };

/** Thread 0 runs 4 ticks (one second), thread 1 runs 5 (into the next second). */
function feed(aggregator: ResultAggregator): void {
  aggregator.addInterval(report(0, 0, { totalsMs: [1, 1, 1.5, 2], connectsMs: [0.1, 0.2], statusCodes: { 200: 3, 404: 1 }, errors: [reset(1)] }));
  aggregator.addInterval(report(1, 0, { totalsMs: [1, 1], connectsMs: [0.1, 0.1], errors: [reset(2)], connecting: 1 }));
  aggregator.addInterval(report(0, 1, { totalsMs: [1, 1, 1, 1] }));
  aggregator.addInterval(report(1, 1, { totalsMs: [2], errors: [refused(1)] }));
  aggregator.addInterval(report(0, 2, { totalsMs: [1.2] }));
  aggregator.addInterval(report(1, 2, { totalsMs: [1.2] }));
  aggregator.addInterval(report(0, 3, { totalsMs: [1, 1], started: 4, open: 1, inFlight: 2 }));
  aggregator.addInterval(report(1, 3, { totalsMs: [1] }));
  aggregator.shareFinished(0);
  aggregator.addInterval(report(1, 4, { totalsMs: [1.5, 1.5], open: 1 }));
  aggregator.shareFinished(1);
}

test('a tick becomes a point only once every live thread reported past it', () => {
  const aggregator = new ResultAggregator(2, TICK_MS);
  aggregator.addInterval(report(0, 0, { totalsMs: [1, 1] }));
  aggregator.addInterval(report(0, 1, { totalsMs: [1] }));
  assert.deepEqual(aggregator.progress(500, undefined).points, [], 'thread 1 has not reported tick 0 yet');
  aggregator.addInterval(report(1, 0, { totalsMs: [2] }));
  const points = aggregator.progress(500, undefined).points;
  assert.deepEqual(points.map((p) => [p.tMs, p.completed, p.openConnections]), [[250, 3, 4]], 'tick 0 from both threads; gauges add up');
  aggregator.shareFinished(1);
  assert.deepEqual(aggregator.progress(500, undefined).points.map((p) => [p.tMs, p.completed]), [[500, 1]], 'a finished thread holds nothing back');
});

test('live progress: the whole run so far, req/s over the last second, errors by cause', () => {
  const aggregator = new ResultAggregator(2, TICK_MS);
  feed(aggregator);
  const p = aggregator.progress(1250, 0.5);
  assert.deepEqual(p.requests, { started: 24, ok: 18, failed: 4, inFlight: 2, non2xx: 1 });
  // The last second is ticks 1..4: 5 + 2 + 3 + 2 = 12 responses in 1000 ms.
  assert.equal(p.requestsPerSec, 12);
  assert.deepEqual(p.errorsByCause, { ECONNRESET: 3, ECONNREFUSED: 1 });
  assert.deepEqual(p.statusCodes, { 200: 17, 404: 1 });
  assert.deepEqual(p.points.map((x) => [x.tMs, x.completed, x.failed]), [[250, 6, 3], [500, 5, 1], [750, 2, 0], [1000, 3, 0], [1250, 2, 0]]);
  assert.deepEqual(p.connections, { open: 1, connecting: 0 }, 'the last tick: only thread 1 still reported');
});

test('the result: seconds, requests, errors, latency and throughput, exact', () => {
  const aggregator = new ResultAggregator(2, TICK_MS);
  feed(aggregator);
  aggregator.flush();
  const options = normalizeLoadOptions({ url: 'http://127.0.0.1:3000/', connections: 4, durationMs: 1250, workers: 2 });
  const result = aggregator.result({
    options,
    target,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1250,
    stopReason: 'duration',
    finals: [
      { type: 'final', workerIndex: 0, openAtStop: 1, connectingAtStopMs: [1500.4], stoppedAt: 0 },
      { type: 'final', workerIndex: 1, openAtStop: 1, connectingAtStopMs: [3100, 1020], stoppedAt: 0 },
    ],
    warnings: [],
  });
  assert.deepEqual(result.requests, { started: 24, ok: 18, failed: 4, inFlight: 2, non2xx: 1 });
  assert.deepEqual(result.connections, { opened: 4, failedConnects: 0, connectingAtStop: 3, connectingAtStopMs: [3100, 1500.4, 1020], openAtStop: 2, maxOpen: 4 });
  assert.deepEqual(
    result.series.map((s) => [s.tMs, s.intervalMs, s.completed, s.failed, s.errorsByCause, s.bytesRead]),
    [
      [1000, 1000, 16, 4, { ECONNRESET: 3, ECONNREFUSED: 1 }, 1600],
      [1250, 250, 2, 0, {}, 200],
    ],
  );
  assert.deepEqual(result.errors, {
    total: 4,
    byCause: { ECONNRESET: 3, ECONNREFUSED: 1 },
    byPhase: { 'wait-headers': 3, connect: 1 },
    detail: [reset(3), refused(1)],
  });
  assert.deepEqual(result.statusCodes, { 200: 17, 404: 1 });
  // 18 totals: eleven of 1 ms, two of 1.2, three of 1.5 (one in thread 0, two in thread 1), two of 2.
  const t = result.latency.total;
  assert.deepEqual([t.count, t.min, t.p50, t.p90, t.max], [18, 1, 1, 2, 2]);
  assert.equal(t.mean, 1.217, '(11 + 2.4 + 4.5 + 4) / 18 ms');
  assert.deepEqual([result.latency.connect.count, result.latency.connect.max], [4, 0.2]);
  assert.deepEqual(result.throughput, { requestsPerSec: 14.4, bytesRead: 1800, bytesWritten: 1100, bytesReadPerSec: 1440, bodyBytesRead: 1440 });
  assert.equal(result.stopReason, 'duration');
  assert.equal(result.options.workers, 2);
  assert.deepEqual(result.warnings, []);
});

test('the result says when the rate was not held', () => {
  const aggregator = new ResultAggregator(1, TICK_MS);
  // 100 req/s for 1 s is 100 due; 40 were sent, 10 of them late (worst 120 ms).
  aggregator.addInterval({ ...report(0, 3, { totalsMs: Array(40).fill(1) }), lateRequests: 10, maxLagMs: 120 });
  aggregator.shareFinished(0);
  aggregator.flush();
  const options = normalizeLoadOptions({ url: 'http://127.0.0.1:3000/', connections: 2, durationMs: 1000, rate: 100, workers: 1 });
  const result = aggregator.result({ options, target, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1000, stopReason: 'duration', finals: [], warnings: [] });
  assert.deepEqual(result.rate, { target: 100, achieved: 40, held: false, maxLagMs: 120, lateRequests: 10 });
  assert.match(result.warnings[0], /^The rate of 100 req\/s could not be held: 40\.0 req\/s were sent and 10 requests went out late \(worst 120 ms\)/);
});
