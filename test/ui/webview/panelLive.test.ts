// The results panel in a real browser, under its CSP: the empty state, a live run and its result, a reload mid-run,
// and a run that failed to start.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunResult } from '../../../src/shared/result';
import { paintedPixelsPerChart, postToWebview, postedMessages, screenshotPath, settle, summaryValues } from './harness';
import { assertClean, CHARTS, expectedFigures, openPanel, postProgress, startRun, usePanelBrowser } from './panelSession';

const { run, fixed } = usePanelBrowser();

describe('results panel webview', () => {
  test('posts ready first and shows the empty state before any run', async () => {
    const panel = await openPanel();
    const posted = await postedMessages(panel.page);
    assert.deepEqual(posted[0], { type: 'ready' });
    await postToWebview(panel.page, { type: 'init', history: [] });
    await settle(panel.page);
    assert.equal(await panel.page.isVisible('.empty-state'), true);
    assert.match((await panel.page.textContent('.empty-state')) ?? '', /No load test yet/);
    assert.equal(await panel.page.isVisible('.results'), false);
    await assertClean(panel);
    await panel.page.context().close();
  });

  test('updates live, then shows the result: summary numbers, every chart drawn, findings with evidence', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await startRun(page, run, run.progressSteps.slice(0, 40));
    // Mid-run: status, progress bar, Stop, live numbers from the latest progress.
    assert.equal(await page.textContent('.status-badge'), 'Running');
    assert.equal(await page.isVisible('.run-progress'), true);
    assert.equal(Number(await page.getAttribute('.run-progress', 'value')), 0.5);
    const live = run.progressSteps[39].progress;
    const liveValues = await summaryValues(page);
    assert.equal(liveValues.ok, live.requests.ok);
    assert.equal(liveValues.failed, live.requests.failed);
    assert.equal(liveValues.p99, live.latency.total.p99);
    assert.equal(liveValues.starved, live.connections.connecting);
    const livePixels = await paintedPixelsPerChart(page);
    for (const chart of CHARTS) assert.ok(livePixels[chart] > 500, `${chart} drew while live (${livePixels[chart]})`);
    await page.screenshot({ path: screenshotPath('live-light-1200'), fullPage: true });

    await postProgress(page, run, run.progressSteps.slice(40));
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: run.result });
    await settle(page);

    assert.equal(await page.textContent('.status-badge'), 'Finished');
    assert.equal(await page.isVisible('.run-progress'), false);
    assert.equal(await page.isVisible('button.stop'), false);
    assert.deepEqual(await summaryValues(page), expectedFigures(run.result));
    assert.equal(await page.textContent('.card[data-metric="ok"] .card-value'), run.result.requests.ok.toLocaleString('en-US'));
    assert.equal(await page.textContent('.card[data-metric="p99"] .card-value'), '1.01 s');
    assert.equal(await page.textContent('.target-url'), 'http://127.0.0.1:8000/');
    assert.match((await page.textContent('.options-summary')) ?? '', /50 connections, new connection per request, 20 s/);

    const pixels = await paintedPixelsPerChart(page);
    for (const chart of CHARTS) assert.ok(pixels[chart] > 500, `${chart} drew (${pixels[chart]})`);

    // Findings: the three of the diagnosis and the preflight one, each with its evidence rows.
    const findingIds = await page.$$eval('.finding', (nodes) => nodes.map((n) => n.getAttribute('data-finding-id')));
    assert.deepEqual(findingIds, [...run.result.findings.map((f) => f.id), ...run.preflight.map((f) => f.id)]);
    for (const finding of [...run.result.findings, ...run.preflight]) {
      const rows = await page.$$eval(`.finding[data-finding-id="${finding.id}"] .evidence tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c as { textContent: string | null }).textContent)));
      assert.deepEqual(rows, finding.evidence.map((e) => [e.label, String(e.value), e.source]));
    }
    const severity = await page.getAttribute('.finding[data-finding-id="accept-queue-overflow"] .severity-shape', 'class');
    assert.match(severity ?? '', /error/);
    assert.match((await page.textContent('.notices')) ?? '', /still in the TCP handshake/);
    assert.equal(await page.$$eval('.errors-table tbody tr', (r) => r.length), run.result.errors.detail.length);
    await assertClean(panel);
    await page.context().close();
  });

  test('restores after reload and keeps earlier points when opened again mid-run', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await startRun(page, run, run.progressSteps.slice(0, 30));
    await page.waitForTimeout(600); // the panel saves state at most every 500 ms while live
    const before = await summaryValues(page);
    await page.reload();
    // Before the host answers `ready`: the saved state is already drawn.
    await settle(page);
    assert.deepEqual(await summaryValues(page), before);
    const pixels = await paintedPixelsPerChart(page);
    for (const chart of CHARTS) assert.ok(pixels[chart] > 500, `${chart} drew from saved state`);
    const savedPoints = (await page.evaluate('JSON.parse(sessionStorage.getItem("vscodeState")).livePoints.length')) as number;
    assert.equal(savedPoints, 30);
    // The host re-sends init with the run in progress (latest progress only): the earlier points are kept.
    await postToWebview(page, { type: 'init', history: [], run: run.runAfter(34) });
    await settle(page);
    await page.waitForTimeout(600);
    const points = (await page.evaluate('JSON.parse(sessionStorage.getItem("vscodeState")).livePoints.length')) as number;
    assert.equal(points, 31, 'saved 30 + the point of the latest progress');
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: run.result });
    await settle(page);
    await page.reload();
    await settle(page);
    assert.deepEqual(await summaryValues(page), expectedFigures(run.result));
    assert.equal(await page.textContent('.status-badge'), 'Finished');
    await assertClean(panel);
    await page.context().close();
  });

  test('says clearly when a run failed to start', async () => {
    const panel = await openPanel('light', 600);
    const { page } = panel;
    const failed: RunResult = structuredClone(fixed.result);
    failed.stopReason = 'error';
    failed.stopMessage = 'connect ECONNREFUSED 127.0.0.1:8000: nothing listens on that port.';
    failed.requests = { started: 0, ok: 0, failed: 0, inFlight: 0, non2xx: 0 };
    failed.durationMs = 4;
    await postToWebview(page, { type: 'init', history: [] });
    await postToWebview(page, { type: 'runStarted', run: fixed.startedRun() });
    await postToWebview(page, { type: 'runFinished', runId: fixed.runId, result: failed });
    await settle(page);
    assert.equal(await page.textContent('.status-badge'), 'Failed to start');
    assert.match((await page.textContent('.notice-error')) ?? '', /could not start.*ECONNREFUSED 127\.0\.0\.1:8000/s);
    assert.equal(await page.isVisible('.results'), false);
    assert.equal(await page.isVisible('text=Run again'), true);
    await page.screenshot({ path: screenshotPath('failed-light-600'), fullPage: true });
    await assertClean(panel);
    await page.context().close();
  });
});
