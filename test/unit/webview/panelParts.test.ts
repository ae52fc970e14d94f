// Pure parts of the panel, in plain Node: where a run stands at its end, how a change against the baseline is
// worded, where the SYN-retransmit labels go, which lonely points get dots, and colours made translucent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { livePhase } from '../../../webview/model/livePhase';
import { emptyModel, type PanelModel } from '../../../webview/model/panelModel';
import { describeChange } from '../../../webview/model/baselineChange';
import { comparisonNote } from '../../../webview/model/comparisonNote';
import { describeRunOptions } from '../../../src/shared/runOptionsText';
import { placeMarkerLabels } from '../../../webview/model/markerLabels';
import { baselineAboveAxis, isolatedPointRadii } from '../../../webview/model/derivedSeries';
import { withAlpha } from '../../../webview/theme/colorAlpha';
import { formatMs } from '../../../src/shared/formatNumbers';
import { generateSampleRun } from '../../fixtures/sampleRun';

function liveModel(options: { requests?: number; durationMs?: number }, elapsedMs: number, started: number, inFlight: number, lastRequestStartedMs?: number): PanelModel {
  const sample = generateSampleRun();
  const run = sample.startedRun();
  const progress = { ...sample.progressSteps[5].progress, elapsedMs, requests: { ...sample.progressSteps[5].progress.requests, started, inFlight } };
  return {
    ...emptyModel(),
    run: { ...run, options: { ...run.options, ...options, connectTimeoutMs: 10_000, responseTimeoutMs: 30_000 }, progress },
    lastRequestStartedMs,
  };
}

test('live phase: running, waiting for stalled requests with a deadline, finishing, stopping', () => {
  assert.deepEqual(livePhase(liveModel({ requests: 1000, durationMs: undefined }, 3000, 600, 50)), { kind: 'running' });
  // The last request left at 5 s; each in flight fails at the latest 30 s (+ one 250 ms timeout check) after its start.
  assert.deepEqual(livePhase(liveModel({ requests: 1000, durationMs: undefined }, 11_000, 1000, 26, 5000)), { kind: 'waiting', requests: 26, atMostMs: 24_250 });
  // With a duration too, the run ends at the duration if that comes first.
  assert.deepEqual(livePhase(liveModel({ requests: 1000, durationMs: 20_000 }, 11_000, 1000, 26, 5000)), { kind: 'waiting', requests: 26, atMostMs: 9_000 });
  assert.deepEqual(livePhase(liveModel({ requests: 1000, durationMs: undefined }, 11_000, 1000, 0, 5000)), { kind: 'finishing' });
  assert.deepEqual(livePhase(liveModel({ durationMs: 20_000 }, 20_004, 16_000, 43)), { kind: 'finishing' });
  assert.deepEqual(livePhase({ ...liveModel({ durationMs: 20_000 }, 3000, 2000, 50), stopping: true }), { kind: 'stopping' });
  const finished = liveModel({ durationMs: 20_000 }, 3000, 2000, 50);
  finished.run!.status = 'finished';
  assert.equal(livePhase(finished), undefined);
});

test('a change against the baseline says how much and whether it is better, without colour', () => {
  assert.deepEqual(describeChange(395, 1340, false, formatMs), { text: '+239% · worse', trend: 'worse' });
  assert.deepEqual(describeChange(1381, 807, true, String), { text: '−42% · worse', trend: 'worse' });
  assert.deepEqual(describeChange(807, 1381, true, String), { text: '+71% · better', trend: 'better' });
  assert.deepEqual(describeChange(0, 12, false, String), { text: '+12 · worse', trend: 'worse' });
  assert.deepEqual(describeChange(12, 0, false, String), { text: '−100% · better', trend: 'better' });
  assert.deepEqual(describeChange(100, 100.5, false, String), { text: 'about the same', trend: 'same' });
  assert.deepEqual(describeChange(0, 0, false, String), { text: 'about the same', trend: 'same' });
  // Ten times or more reads as a factor: the helper's "+517,435%" and "−100%" for 55,206 → 99.3 req/s.
  assert.deepEqual(describeChange(0.23, 1190, false, String), { text: '×5,174 · worse', trend: 'worse' });
  assert.deepEqual(describeChange(55_206, 99.3, true, String), { text: '÷556 · worse', trend: 'worse' });
  assert.deepEqual(describeChange(10, 100, true, String), { text: '×10 · better', trend: 'better' });
  assert.deepEqual(describeChange(10, 99, true, String), { text: '+890% · better', trend: 'better' });
  assert.deepEqual(describeChange(40, 3, false, String), { text: '÷13.3 · better', trend: 'better' });
});

test('the comparison says when the baseline is another test: another load, URL, tool, or stopped early', () => {
  const { result } = generateSampleRun();
  const same = { url: result.target.url, options: result.options };
  assert.equal(comparisonNote(same, result), undefined);
  assert.equal(
    comparisonNote(same, { ...result, options: { ...result.options, connections: 10, keepAlive: true, durationMs: 10_000, requests: undefined }, stopReason: 'cancelled', durationMs: 310 }),
    `The baseline is a different test: it ran 10 connections, keep-alive, 10 s, this run ${describeRunOptions(result.options)}; it was stopped after 310 ms. The changes below compare unlike runs.`,
  );
  assert.match(comparisonNote({ ...same, url: 'http://127.0.0.1:9/' }, result)!, /^The baseline is a different test: it loaded http:\/\/127\.0\.0\.1:8000\/\./);
});

test('SYN-retransmit labels: right of the line, left of it at the right edge, a second row when crowded, never out of the chart', () => {
  const area = { left: 40, right: 400 };
  const marks = [
    { x: 100, text: '1 s', width: 20 },
    { x: 110, text: '2 s', width: 20 },
    { x: 118, text: '3 s', width: 20 },
    { x: 395, text: '7 s', width: 20 },
  ];
  const placed = placeMarkerLabels(marks, area);
  assert.deepEqual(placed.map((l) => [l.text, l.row]), [['1 s', 0], ['2 s', 1], ['7 s', 0]], '3 s has no room in either row; its line still shows');
  for (const label of placed) assert.ok(label.left >= area.left && label.left + label.width <= area.right, `${label.text} inside`);
  assert.equal(placed[2].left, 395 - 4 - 20, 'at the right edge the label goes left of its line');
  // Labels in the same row never overlap.
  for (const row of [0, 1]) {
    const inRow = placed.filter((l) => l.row === row).sort((a, b) => a.left - b.left);
    for (let i = 1; i < inRow.length; i++) assert.ok(inRow[i].left >= inRow[i - 1].left + inRow[i - 1].width);
  }
});

test('lonely points get dots: late completions after a gap, not the points of a continuous line', () => {
  const y = (values: Array<number | null>) => values.map((v, i) => ({ x: i, y: v }));
  assert.deepEqual(isolatedPointRadii(y([5, 6, 7, null, null, 28_000, null, 9, 9])), [0, 0, 0, 0, 0, 2.5, 0, 2.5, 2.5]);
  assert.deepEqual(isolatedPointRadii(y([5, 6, 7, 8])), [0, 0, 0, 0]);
  assert.deepEqual(isolatedPointRadii(y([])), []);
});

test('translucent fills from any colour a theme gives, so a fill is never opaque', () => {
  assert.equal(withAlpha('#ffffffb3', 0.1), 'rgba(255, 255, 255, 0.1)');
  assert.equal(withAlpha('#abc', 0.5), 'rgba(170, 187, 204, 0.5)');
  assert.equal(withAlpha('rgba(204, 204, 204, 0.5)', 0.08), 'rgba(204, 204, 204, 0.08)');
  assert.equal(withAlpha('rgb(1 2 3)', 0.2), 'rgba(1, 2, 3, 0.2)');
  assert.equal(withAlpha('canvastext', 0.2), 'canvastext');
});

test('a baseline over 4 times this run\'s peak leaves the throughput axis to this run; a comparable one shares it', () => {
  const point = (tMs: number, completed: number, failed = 0) => ({ ...generateSampleRun().result.series[0]!, tMs, intervalMs: 1000, completed, failed });
  const run = [point(1000, 90, 10), point(2000, 100)];
  assert.equal(baselineAboveAxis(run, [point(1000, 55_206)]), 55_206);
  assert.equal(baselineAboveAxis(run, [point(1000, 400)]), undefined, 'four times is still comparable');
  assert.equal(baselineAboveAxis(run, undefined), undefined);
  assert.equal(baselineAboveAxis([], [point(1000, 55_206)]), undefined, 'nothing of its own yet: the baseline sets the axis');
});
