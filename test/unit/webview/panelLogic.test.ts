// The webview's pure pieces: SYN retransmit schedule, bounded live series, host message handling, the panel HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendKernelSamples, appendPoints } from '../../../webview/model/seriesCompaction';
import { applyHostMessage, chartSeries, comparisonBaseline, emptyModel, restoreModel } from '../../../webview/model/panelModel';
import { fractionalBucketIndex, trimEmptyEnds } from '../../../webview/model/distributionBars';
import { renderPanelHtml } from '../../../src/extension/panelHtml';
import { generateSampleRun } from '../../fixtures/sampleRun';
import type { RunResult, SeriesPoint } from '../../../src/shared/result';
import type { PanelRun } from '../../../src/shared/protocol';

const point = (tMs: number, completed = 10): SeriesPoint => ({
  tMs,
  intervalMs: 250,
  completed,
  failed: 1,
  errorsByCause: { ECONNRESET: 1 },
  latencyP99: tMs,
  bytesRead: 100,
  openConnections: 5,
  connectingConnections: 0,
});

test('live points: re-sent points ignored, merged in pairs over the cap, totals kept', () => {
  let kept: SeriesPoint[] = [];
  for (let i = 1; i <= 9; i++) kept = appendPoints(kept, [point(i * 250)], 8);
  kept = appendPoints(kept, [point(9 * 250)], 8); // a duplicate
  assert.equal(kept.length, 5);
  assert.equal(kept.reduce((s, p) => s + p.completed, 0), 90);
  assert.equal(kept.reduce((s, p) => s + (p.errorsByCause.ECONNRESET ?? 0), 0), 9);
  assert.deepEqual(kept.map((p) => p.tMs), [500, 1000, 1500, 2000, 2250]);
  assert.equal(kept[0].latencyP99, 500, 'the larger percentile of a merged pair');
  const samples = appendKernelSamples([], [1, 2, 3, 4, 5].map((t) => ({ tMs: t, deltas: { ListenOverflows: t } })), 4);
  assert.equal(samples[samples.length - 1].tMs, 5, 'the latest sample is kept when thinning');
});

test('host messages: progress for another run is ignored; init for the same run keeps saved points', () => {
  const run = generateSampleRun();
  const model = emptyModel();
  applyHostMessage(model, { type: 'runStarted', run: run.startedRun() });
  for (const step of run.progressSteps.slice(0, 10)) applyHostMessage(model, { type: 'progress', runId: run.runId, ...step });
  assert.equal(model.livePoints.length, 10);
  assert.equal(applyHostMessage(model, { type: 'progress', runId: 'other', ...run.progressSteps[10] }), false);
  const restored = restoreModel(JSON.parse(JSON.stringify(model)));
  assert.ok(restored);
  applyHostMessage(restored, { type: 'init', history: [], run: run.runAfter(12) });
  assert.equal(restored.livePoints.length, 11);
  applyHostMessage(restored, { type: 'runFinished', runId: run.runId, result: run.result });
  assert.equal(chartSeries(restored), run.result.series);
  assert.equal(restoreModel({ version: 0 }), undefined);
});

test('a short run keeps its finer live points after it finished, also after a reload', () => {
  const run = generateSampleRun();
  const model = emptyModel();
  applyHostMessage(model, { type: 'runStarted', run: run.startedRun() });
  for (const step of run.progressSteps.slice(0, 12)) applyHostMessage(model, { type: 'progress', runId: run.runId, ...step });
  const live = model.livePoints;
  const short = { ...run.result, series: run.result.series.slice(0, 3) };
  applyHostMessage(model, { type: 'runFinished', runId: run.runId, result: short });
  assert.deepEqual(chartSeries(model), live, '12 live points rather than 3 one-second points');
  const reloaded = restoreModel(JSON.parse(JSON.stringify(model)))!;
  applyHostMessage(reloaded, { type: 'init', history: [], run: { ...run.startedRun(), status: 'finished', result: short } });
  assert.deepEqual(chartSeries(reloaded), live);
});

test('distribution bars: trimmed to values, markers placed on a log scale inside their bucket', () => {
  const buckets = [
    { fromMs: 0.5, toMs: 1, count: 0 },
    { fromMs: 1, toMs: 2, count: 0 },
    { fromMs: 2, toMs: 4, count: 3 },
    { fromMs: 4, toMs: 8, count: 0 },
    { fromMs: 8, toMs: 16, count: 0 },
  ];
  assert.deepEqual(trimEmptyEnds(buckets).map((b) => b.fromMs), [1, 2, 4]);
  assert.equal(fractionalBucketIndex(buckets, Math.SQRT2), 1.5);
  assert.equal(fractionalBucketIndex(buckets, 100), undefined);
});

test('panel HTML: strict CSP with the nonce, escaped values', () => {
  const html = renderPanelHtml({ scriptUri: 'https://x/webview.js', styleUri: 'https://x/webview.css', cspSource: 'https://x', nonce: 'abc123', title: 'Load <test>' }).replace(/&#39;/g, "'");
  assert.match(html, /content="default-src 'none'; img-src https:\/\/x data:; style-src https:\/\/x; script-src 'nonce-abc123'; font-src https:\/\/x"/);
  assert.match(html, /<script nonce="abc123" src="https:\/\/x\/webview.js"><\/script>/);
  assert.match(html, /<title>Load &lt;test&gt;<\/title>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('the run on screen is not compared with itself when it is the baseline', () => {
  const baseline = { startedAt: 'x' } as unknown as RunResult;
  const run = (runId: string) => ({ runId }) as unknown as PanelRun;
  assert.equal(comparisonBaseline({ run: run('a'), baseline, comparedRunId: 'b' }), baseline);
  assert.equal(comparisonBaseline({ run: run('b'), baseline, comparedRunId: 'b' }), undefined);
  assert.equal(comparisonBaseline({ run: run('a'), baseline: undefined, comparedRunId: undefined }), undefined);
});
