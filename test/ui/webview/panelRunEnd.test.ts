// The panel around the end of a run and after it, in a real browser: what the tail waits for, "Stopping…" at once,
// the comparison's deltas, earlier runs opened and exported, and only words a user can read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunProgress, RunResult } from '../../../src/shared/result';
import type { HistoryEntry, PanelRun } from '../../../src/shared/protocol';
import { generateSampleRun, sampleHistory } from '../../fixtures/sampleRun';
import { postToWebview, postedMessages, screenshotPath, settle } from './harness';
import { openPanel as openThemedPanel, usePanelBrowser } from './panelSession';

usePanelBrowser();
const env = { run: generateSampleRun(), fixed: generateSampleRun({ scenario: 'fixed', runId: 'run-fixed-1' }) };

/** The light theme; `errors` collects console errors. */
function openPanel(width = 1000, height = 900): ReturnType<typeof openThemedPanel> {
  return openThemedPanel('light', width, height);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** `ab -n 1000`-like: a request count, no duration, the default timeouts. */
function countRun(): PanelRun {
  const started = env.run.startedRun();
  return { ...started, runId: 'run-count-1', options: { ...started.options, requests: 1000, durationMs: undefined, connectTimeoutMs: 10_000, responseTimeoutMs: 30_000 } };
}

function progressAt(base: RunProgress, elapsedMs: number, started: number, inFlight: number): RunProgress {
  return { ...base, elapsedMs, fraction: Math.min(1, started / 1000), requests: { ...base.requests, started, inFlight, ok: started - inFlight, failed: 0 }, requestsPerSec: 0, points: [] };
}

describe('the end of a run', () => {
  test('after the last request is sent: says how many it waits for and until when, offers Stop now; Stopping… at once on the click', async () => {
    const { page, errors } = await openPanel();
    const counted = countRun();
    const base = env.run.progressSteps[10].progress;
    await postToWebview(page, { type: 'init', history: [] });
    await postToWebview(page, { type: 'runStarted', run: counted });
    await postToWebview(page, { type: 'progress', runId: counted.runId, progress: progressAt(base, 3_000, 640, 50), kernelSamples: [] });
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Running');
    assert.equal((await text(page, '.status-row button.stop')).trim(), 'Stop');

    // The 1000th request went out at 5 s; at 11 s, 26 are still in flight. The response timeout (30 s) counted from
    // 5 s ends the wait by 35.25 s at the latest: 24.25 s from now, said as "at most 25 s more".
    await postToWebview(page, { type: 'progress', runId: counted.runId, progress: progressAt(base, 5_000, 1000, 40), kernelSamples: [] });
    await postToWebview(page, { type: 'progress', runId: counted.runId, progress: progressAt(base, 11_000, 1000, 26), kernelSamples: [] });
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Waiting');
    assert.equal(await text(page, '.elapsed'), 'every request sent; waiting for 26 still in flight, at most 25 s more');
    const stop = page.locator('.status-row button.stop');
    assert.equal((await stop.innerText()).trim(), 'Stop now');
    assert.ok(await stop.isVisible(), 'Stop now is in view');

    // The click shows "Stopping…" before the host answers anything.
    await stop.click();
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Stopping…');
    assert.equal(await stop.isVisible(), false, 'no second stop');
    assert.deepEqual((await postedMessages(page)).filter((m) => m.type === 'stop'), [{ type: 'stop' }]);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a stop from elsewhere (status bar, palette) shows Stopping… from the host message; a duration run past its end says it reads the kernel', async () => {
    const { page } = await openPanel();
    await postToWebview(page, { type: 'init', history: [] });
    await postToWebview(page, { type: 'runStarted', run: env.run.startedRun() });
    await postToWebview(page, { type: 'progress', runId: env.run.runId, progress: env.run.progressSteps[20].progress, kernelSamples: [] });
    await postToWebview(page, { type: 'runStopping', runId: 'run-some-other' });
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Running', "another run's stop changes nothing");
    const last = env.run.progressSteps[env.run.progressSteps.length - 1].progress;
    await postToWebview(page, { type: 'progress', runId: env.run.runId, progress: last, kernelSamples: [] });
    await settle(page);
    assert.ok(last.elapsedMs >= env.run.result.options.durationMs!, 'the fixture ends at its duration');
    assert.equal(await text(page, '.status-badge'), 'Finishing…');
    assert.match(await text(page, '.elapsed'), /reading the kernel's counters/);
    await postToWebview(page, { type: 'runStopping', runId: env.run.runId });
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Stopping…');
    await postToWebview(page, { type: 'runFinished', runId: env.run.runId, result: { ...env.run.result, stopReason: 'cancelled' } });
    await settle(page);
    assert.equal(await text(page, '.status-badge'), 'Cancelled');
    await page.context().close();
  });

  test('while live the charts come before the findings, and every finding is one title line', async () => {
    const { page } = await openPanel(700, 900);
    await postToWebview(page, { type: 'init', history: [] });
    await postToWebview(page, { type: 'runStarted', run: env.run.startedRun() });
    for (const step of env.run.progressSteps.slice(0, 30)) await postToWebview(page, { type: 'progress', runId: env.run.runId, progress: step.progress, kernelSamples: step.kernelSamples });
    await settle(page);
    const top = (selector: string) => page.locator(selector).evaluate((e: { getBoundingClientRect(): { top: number; bottom: number } }) => e.getBoundingClientRect());
    const chart = await top('[data-chart-card="throughput"] canvas');
    assert.ok(chart.bottom <= 900, `the throughput chart is drawn within the first screen (bottom at ${Math.round(chart.bottom)} px)`);
    assert.ok((await top('.findings')).top > chart.bottom, 'the findings come after the charts');
    assert.equal(await page.locator('.finding-details[open]').count(), 0, 'no finding open while live');
    await postToWebview(page, { type: 'runFinished', runId: env.run.runId, result: env.run.result });
    await settle(page);
    assert.equal(await page.locator('.finding-details[open]').count(), 1, 'after the run, the first error opens');
    assert.ok((await top('.findings')).top < (await top('[data-chart-card="throughput"]')).top, 'after the run, on a narrow panel, the findings lead');
    await page.context().close();
  });
});

const COMPARED = ['p50', 'p90', 'p99', 'requestsPerSec', 'failed', 'connectP99'] as const;
const HIGHER_IS_BETTER: Record<(typeof COMPARED)[number], boolean> = { p50: false, p90: false, p99: false, requestsPerSec: true, failed: false, connectP99: false };

function figure(result: RunResult, metric: (typeof COMPARED)[number]): number {
  if (metric === 'requestsPerSec') return result.throughput.requestsPerSec;
  if (metric === 'failed') return result.requests.failed;
  if (metric === 'connectP99') return result.latency.connect.p99;
  return result.latency.total[metric];
}

describe('comparing with an earlier run', () => {
  test('every key figure shows its change and which way is better; the baseline the host kept comes back selected', async () => {
    const { page, errors } = await openPanel(1400, 900);
    const history: HistoryEntry[] = [{ ...sampleHistory()[0] }, { ...sampleHistory()[1], stopReason: 'cancelled' }];
    await postToWebview(page, { type: 'init', history, run: { ...env.run.runAfter(0), status: 'finished', result: env.run.result }, baseline: env.fixed.result, baselineRunId: env.fixed.runId });
    await settle(page);
    assert.equal(await page.locator('#compare-select').inputValue(), env.fixed.runId, 'the kept baseline is selected after a reload');
    for (const metric of COMPARED) {
      const before = figure(env.fixed.result, metric);
      const now = figure(env.run.result, metric);
      const delta = page.locator(`.summary .card[data-metric="${metric}"] .card-delta`);
      assert.ok(await delta.isVisible(), `${metric}: a delta is shown`);
      const expectedTrend = now === before ? 'same' : (now > before) === HIGHER_IS_BETTER[metric] ? 'better' : 'worse';
      // The overflow run is worse than the fixed one on every figure.
      assert.equal(expectedTrend, 'worse', `${metric}: the fixture's overflow run is worse (${before} -> ${now})`);
      assert.equal(await delta.getAttribute('data-trend'), expectedTrend, `${metric}: trend`);
      const change = await delta.locator('.delta-change').innerText();
      // Up or down as a percentage, or as a factor from ten times on (×, ÷).
      assert.match(change, new RegExp(`^${now > before ? '[+×]' : '[−÷]'}[\\d,.]+%? · worse$`), `${metric}: "${change}"`);
    }
    // A cancelled run is marked where it is picked and in the list of earlier runs.
    const options = await page.locator('#compare-select option').allInnerTexts();
    assert.equal(options.filter((o) => o.includes(' · cancelled · ')).length, 1, options.join(' | '));
    assert.deepEqual(await page.locator('.run-history-row .stop-mark').allTextContents(), ['cancelled']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('comparing unlike runs', () => {
  test('a baseline of another load says so above the cards; factors for tenfold changes; values never break inside; the axis stays this run\'s', async () => {
    const { page, errors } = await openPanel(1000, 900);
    // The helper's case: a 10-connection keep-alive run stopped after 0.3 s, at a hundred times this run's req/s.
    const fast = { ...env.fixed.result, options: { ...env.fixed.result.options, connections: 10, keepAlive: true, requests: undefined, durationMs: 10_000 }, stopReason: 'cancelled' as const, durationMs: 310 };
    fast.throughput = { ...fast.throughput, requestsPerSec: env.run.result.throughput.requestsPerSec * 100 };
    fast.series = fast.series.map((p) => ({ ...p, completed: p.completed * 100 }));
    // A finding's detail written with `code` spans, as the diagnosis writes it for Markdown hovers.
    const withCode = { ...env.run.result, findings: env.run.result.findings.map((f, i) => (i === 0 ? { ...f, fixes: f.fixes.map((x, j) => (j === 0 ? { ...x, detail: 'server.js:24 passes `backlog ?? 511`.' } : x)) } : f)) };
    await postToWebview(page, { type: 'init', history: sampleHistory(), run: { ...env.run.runAfter(0), status: 'finished', result: withCode }, baseline: fast, baselineRunId: env.fixed.runId });
    await settle(page);
    const note = page.locator('.compare-note');
    assert.match(await note.innerText(), /^The baseline is a different test: it ran 10 connections, keep-alive, 10 s, this run .*; it was stopped after 310 ms\. The changes below compare unlike runs\.$/);
    assert.equal(await page.locator('.card[data-metric="requestsPerSec"] .delta-change').innerText(), '÷100 · worse');
    for (const values of await page.locator('.card-delta .delta-values').allTextContents()) {
      assert.ok(!/\d (ms|s|KiB|MiB)/.test(values), `no breakable space inside a value: "${values}"`);
    }
    // Each change stays on one line (it wrapped as "+467,762% ·" / "worse").
    for (const change of await page.locator('.card-delta:visible .delta-change').all()) {
      const box = (await change.boundingBox())!;
      // Runs in the page; typed structurally because this project compiles without the DOM library.
      const lineHeight = await change.evaluate((e) => parseFloat((globalThis as unknown as { getComputedStyle(x: unknown): { lineHeight: string } }).getComputedStyle(e).lineHeight) || 16);
      assert.ok(box.height < lineHeight * 1.5, `one line: ${await change.innerText()}`);
    }
    const code = page.locator('.fix-detail code').first();
    assert.equal(await code.innerText(), 'backlog ?? 511');
    assert.equal(await page.locator('.fix-detail', { hasText: 'server.js:24 passes' }).innerText(), 'server.js:24 passes backlog ?? 511.');
    await page.screenshot({ path: screenshotPath('compare-unlike-light-1000'), fullPage: true });
    // The same baseline without its difference: no note.
    await postToWebview(page, { type: 'baseline', baseline: env.fixed.result, baselineRunId: env.fixed.runId });
    await settle(page);
    assert.equal(await note.isVisible(), false);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a finished run without kernel samples shows the note alone, not an empty frame', async () => {
    const { page } = await openPanel(1000, 900);
    const result = { ...env.run.result, kernel: { ...env.run.result.kernel!, samples: [] } };
    await postToWebview(page, { type: 'init', history: [], run: { ...env.run.runAfter(0), status: 'finished', kernelSamples: [], result } });
    await settle(page);
    const card = page.locator('[data-chart-card="kernel"]');
    assert.match(await card.locator('.chart-note').innerText(), /^No kernel counters were sampled during this run/);
    assert.equal(await card.locator('canvas').isVisible(), false);
    await page.context().close();
  });
});

describe('earlier runs', () => {
  test('open one to look at it and export it; Open waits while a run is live', async () => {
    const { page } = await openPanel(1000, 900);
    const history = sampleHistory();
    await postToWebview(page, { type: 'init', history, run: { ...env.run.runAfter(0), status: 'finished', result: env.run.result } });
    await settle(page);
    await page.locator('.run-history-title').click();
    const row = page.locator(`.run-history-row[data-run-id="${env.fixed.runId}"]`);
    await row.locator('button', { hasText: 'Open' }).click();
    await row.locator('button', { hasText: 'Export…' }).click();
    const posted = await postedMessages(page);
    assert.deepEqual(posted.slice(-2), [{ type: 'openRun', runId: env.fixed.runId }, { type: 'export', runId: env.fixed.runId }]);

    // The host answers Open with the run: the panel shows it, and its Export buttons export that run.
    await postToWebview(page, { type: 'showRun', run: { ...env.fixed.runAfter(0), status: 'finished', result: env.fixed.result } });
    await settle(page);
    assert.equal(Number(await page.locator('.summary .card[data-metric="ok"]').getAttribute('data-value')), env.fixed.result.requests.ok);
    assert.equal(await row.locator('button', { hasText: 'Shown' }).isDisabled(), true);
    // The shown row is bold in its text only: its buttons stay on its line (they wrapped under it when bold).
    const textBox = (await row.locator('.run-history-text').boundingBox())!;
    const actionsBox = (await row.locator('.run-history-actions').boundingBox())!;
    assert.ok(actionsBox.y < textBox.y + textBox.height && actionsBox.x >= textBox.x + textBox.width, `buttons beside the text: ${JSON.stringify({ textBox, actionsBox })}`);
    // "Compare with" shows when and the figures in a select that fits them; the profile's words are its tooltip.
    const options = await page.$$eval('.compare-select option', (o) => o.slice(1).map((x) => ({ text: x.textContent ?? '', title: x.getAttribute('title') ?? '' })));
    assert.ok(options.length > 0);
    for (const [i, option] of options.entries()) {
      assert.ok(option.text.length <= 52, `short enough for the closed select: "${option.text}"`);
      assert.match(option.text, /req\/s · p99 /);
      assert.ok(option.title.startsWith(history.filter((h) => h.runId !== env.fixed.runId)[i]!.label), option.title);
    }
    await page.screenshot({ path: screenshotPath('earlier-runs-shown-light-1000'), fullPage: true });
    await page.locator('.export-group button[data-format="html"]').click();
    assert.deepEqual((await postedMessages(page)).at(-1), { type: 'export', format: 'html', runId: env.fixed.runId });

    await postToWebview(page, { type: 'runStarted', run: env.run.startedRun() });
    await settle(page);
    assert.equal(await page.locator('.run-history-row button', { hasText: 'Open' }).first().isDisabled(), true, 'the live run keeps the panel');
    await page.context().close();
  });
});

describe('a run stopped at once', () => {
  test('too short to draw over time: the two time charts say so instead of drawing empty axes', async () => {
    const { page } = await openPanel(1000, 900);
    const result: RunResult = { ...env.run.result, durationMs: 640, stopReason: 'cancelled', series: env.run.result.series.slice(0, 1) };
    await postToWebview(page, { type: 'init', history: [], run: { ...env.run.runAfter(0), status: 'finished', result } });
    await settle(page);
    for (const chart of ['throughput', 'percentiles']) {
      const card = page.locator(`[data-chart-card="${chart}"]`);
      assert.equal(await card.locator('.chart-note').innerText(), 'The run lasted 640 ms: too short to draw over time. The figures above cover all of it.');
      assert.equal(await card.locator('canvas').isVisible(), false);
    }
    assert.equal(await page.locator('[data-chart-card="latency-distribution"] canvas').isVisible(), true, 'the distributions still draw');
    await page.screenshot({ path: screenshotPath('stopped-at-once-light-1000'), fullPage: true });
    await page.context().close();
  });
});

describe('words', () => {
  test('no finding id, no undici error code and no raw cause name anywhere the panel shows text', async () => {
    const { page } = await openPanel(1400, 900);
    const result: RunResult = structuredClone(env.run.result);
    result.errors.detail.push({ cause: 'connect-timeout', phase: 'connect', count: 3, example: 'UND_ERR_CONNECT_TIMEOUT: no TCP connection within 10000 ms' });
    result.series[12].errorsByCause['connect-timeout'] = 3;
    await postToWebview(page, { type: 'init', history: sampleHistory(), run: { ...env.run.runAfter(0), status: 'finished', result } });
    await settle(page);
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    const shown = await page.locator('body').innerText();
    assert.doesNotMatch(shown, /UND_ERR/);
    for (const finding of result.findings) assert.ok(!shown.includes(finding.id), `finding id "${finding.id}" is shown`);
    assert.ok(!/\bconnect-timeout\b|\bwait-headers\b/.test(shown), 'cause and phase names are put in words');
    assert.match(shown, /Connect timed out\s+connecting\s+3\s+no TCP connection within 10000 ms/);
    await page.context().close();
  });
});
