// The results panel in a real browser: messages in, DOM and charts out, messages back, under the panel's CSP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunResult } from '../../../src/shared/result';
import { generateSampleRun, sampleHistory, type SampleRun } from '../../fixtures/sampleRun';
import {
  buildWebviewBundle,
  collectPageErrors,
  cspViolations,
  launchBrowser,
  paintedPixelsPerChart,
  postToWebview,
  postedMessages,
  screenshotPath,
  settle,
  startPanelServer,
  summaryValues,
  watchCspViolations,
  type TestServer,
} from './harness';
import { themeVariables, type ThemeKind } from './themeVariables';

const CHARTS = ['throughput', 'kernel', 'percentiles', 'latency-distribution', 'connect-time', 'status-codes'];
const XSS = '<img src=x onerror="window.__xss=1">';

let browser: Browser;
let server: TestServer;
let run: SampleRun;
let fixed: SampleRun;

before(async () => {
  const bundle = await buildWebviewBundle();
  server = await startPanelServer(bundle);
  browser = await launchBrowser();
  run = generateSampleRun();
  fixed = generateSampleRun({ scenario: 'fixed', runId: 'run-fixed-1' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface OpenedPanel {
  page: Page;
  errors: string[];
}

async function openPanel(theme: ThemeKind = 'light', width = 1200): Promise<OpenedPanel> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await watchCspViolations(page);
  const errors = collectPageErrors(page);
  await page.goto(`${server.origin}/panel.html?theme=${theme}`);
  await page.waitForFunction('window.__posted.length > 0');
  return { page, errors };
}

async function assertClean({ page, errors }: OpenedPanel): Promise<void> {
  assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
  assert.deepEqual(errors, [], 'no console errors');
}

/** A whole live run: init, runStarted, every progress step, runFinished. */
async function playRun(page: Page, sample: SampleRun, options: { history?: boolean } = {}): Promise<void> {
  await startRun(page, sample, sample.progressSteps, options);
  await postToWebview(page, { type: 'runFinished', runId: sample.runId, result: sample.result });
  await settle(page);
}

/** A run up to its given progress steps: init, runStarted, the steps. */
async function startRun(page: Page, sample: SampleRun, steps: SampleRun['progressSteps'], options: { history?: boolean } = {}): Promise<void> {
  await postToWebview(page, { type: 'init', history: options.history ? sampleHistory() : [] });
  await postToWebview(page, { type: 'runStarted', run: sample.startedRun() });
  await postProgress(page, sample, steps);
}

async function postProgress(page: Page, sample: SampleRun, steps: SampleRun['progressSteps']): Promise<void> {
  for (const step of steps) {
    await postToWebview(page, { type: 'progress', runId: sample.runId, progress: step.progress, kernelSamples: step.kernelSamples });
  }
  await settle(page);
}

function expectedFigures(result: RunResult): Record<string, number> {
  return {
    ok: result.requests.ok,
    failed: result.requests.failed,
    inFlight: result.requests.inFlight,
    starved: result.connections.connectingAtStop,
    requestsPerSec: result.throughput.requestsPerSec,
    p50: result.latency.total.p50,
    p90: result.latency.total.p90,
    p99: result.latency.total.p99,
    max: result.latency.total.max,
    connectP99: result.latency.connect.p99,
    bytesPerSec: result.throughput.bytesReadPerSec,
    non2xx: result.requests.non2xx,
  };
}

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

  test('buttons post their messages: stop, copy, run in terminal, open backlog source, export, run again', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await postToWebview(page, { type: 'init', history: [], run: run.runAfter(8) });
    await settle(page);
    await page.click('button.stop');
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: run.result });
    await settle(page);
    const fix = '.finding[data-finding-id="accept-queue-overflow"] .fix-config';
    await page.click(`${fix} .fix-actions >> nth=0 >> text=Copy`);
    await page.click(`${fix} >> text=Run in terminal`);
    await page.click('.finding[data-finding-id="accept-queue-overflow"] >> text=Open where the backlog is set');
    await page.click('.export-group >> text=CSV');
    await page.click('text=Run again');
    // Keyboard: the snippet's Copy is reachable and works with Enter.
    await page.focus('.finding[data-finding-id="accept-queue-overflow"] .fix-code button');
    await page.keyboard.press('Enter');
    const posted = (await postedMessages(page)).slice(1);
    assert.deepEqual(posted, [
      { type: 'stop' },
      { type: 'copyText', text: 'sudo sysctl -w net.core.somaxconn=4096' },
      { type: 'runInTerminal', command: 'sudo sysctl -w net.core.somaxconn=4096' },
      { type: 'openBacklogSource', findingId: 'accept-queue-overflow' },
      { type: 'export', format: 'csv' },
      { type: 'runAgain' },
      { type: 'copyText', text: run.result.findings[0].fixes[0].snippet },
    ]);
    await assertClean(panel);
    await page.context().close();
  });

  test('result text is shown as text, never as HTML', async () => {
    const panel = await openPanel();
    const { page } = panel;
    const evil: RunResult = structuredClone(run.result);
    evil.target.url = `http://127.0.0.1:8000/${XSS}`;
    evil.findings[0].title = `Title ${XSS}`;
    evil.findings[0].explanation = XSS;
    evil.findings[0].evidence[0].value = XSS;
    evil.findings[0].fixes[1].command = `echo ${XSS}`;
    evil.errors.detail[0].example = XSS;
    evil.warnings = [XSS];
    evil.statusCodes[XSS] = 3;
    const started = run.startedRun();
    started.options = { ...started.options, url: evil.target.url };
    await postToWebview(page, { type: 'init', history: [{ ...sampleHistory()[0], label: XSS }] });
    await postToWebview(page, { type: 'runStarted', run: started });
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: evil });
    await settle(page);
    await page.waitForTimeout(100);
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    assert.equal(await page.evaluate('window.__xss'), undefined);
    assert.ok(((await page.textContent('.finding h3')) ?? '').includes(XSS));
    assert.ok(((await page.textContent('.errors-table')) ?? '').includes(XSS));
    assert.ok(((await page.textContent('.target-url')) ?? '').includes(XSS));
    await assertClean(panel);
    await page.context().close();
  });

  test('compares with a baseline: select posts compareWith, deltas and dashed overlay appear', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await playRun(page, run, { history: true });
    const options = await page.$$eval('.compare-select option', (o) => o.map((x) => x.getAttribute('value')));
    assert.deepEqual(options, ['', 'run-fixed-1', 'run-old-1']);
    await page.selectOption('.compare-select', 'run-fixed-1');
    const posted = await postedMessages(page);
    assert.deepEqual(posted[posted.length - 1], { type: 'compareWith', runId: 'run-fixed-1' });
    await postToWebview(page, { type: 'baseline', baseline: fixed.result });
    await settle(page);
    const delta = await page.textContent('.card[data-metric="requestsPerSec"] .card-delta');
    assert.equal(delta, `${fixed.result.throughput.requestsPerSec.toLocaleString('en-US', { maximumFractionDigits: 0 })} → ${Math.round(run.result.throughput.requestsPerSec)}`);
    assert.equal(await page.getAttribute('.card[data-metric="requestsPerSec"] .card-delta', 'data-trend'), 'worse');
    assert.equal(await page.isVisible('.card[data-metric="p99"] .card-delta'), true);
    assert.equal(await page.isVisible('.card[data-metric="failed"] .card-delta'), true);
    await page.screenshot({ path: screenshotPath('compare-light-1200'), fullPage: true });
    // Clearing the baseline removes the deltas and resets the select.
    await postToWebview(page, { type: 'baseline' });
    await settle(page);
    assert.equal(await page.isVisible('.card[data-metric="p99"] .card-delta'), false);
    assert.equal(await page.inputValue('.compare-select'), '');
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

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    for (const width of [1200, 600]) {
      test(`screenshot: ${theme} theme at ${width}px`, async () => {
        const panel = await openPanel(theme, width);
        const { page } = panel;
        await playRun(page, run, { history: true });
        if (theme === 'dark') await postToWebview(page, { type: 'baseline', baseline: fixed.result });
        await settle(page);
        const pixels = await paintedPixelsPerChart(page);
        for (const chart of CHARTS) assert.ok(pixels[chart] > 500, `${chart} drew in ${theme}`);
        if (width === 600) {
          // Narrow: the charts stack in one column.
          const lefts = await page.$$eval('.chart-card', (cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
          assert.equal(new Set(lefts).size, 1);
          const overflow = (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
          assert.equal(overflow, false, 'no horizontal scrolling at 600px');
        }
        await page.screenshot({ path: screenshotPath(`${theme}-${width}`), fullPage: true });
        await assertClean(panel);
        await page.context().close();
      });
    }
  }

  test('re-reads chart colours when the theme changes', async () => {
    const panel = await openPanel('light');
    const { page } = panel;
    await playRun(page, run);
    // Axis text is drawn in --vscode-descriptionForeground: #717171 in light, #9d9d9d in dark. Count pixels near the
    // dark grey before and after the switch.
    const darkGreyPixels = async () =>
      (await page.evaluate(`(() => {
        const c = document.querySelector('canvas[data-chart="status-codes"]');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 200 && Math.abs(d[i] - 157) < 8 && Math.abs(d[i + 1] - 157) < 8 && Math.abs(d[i + 2] - 157) < 8) n++;
        }
        return n;
      })()`)) as number;
    const before = await darkGreyPixels();
    await page.evaluate(([vars]) => (globalThis as unknown as { __setTheme(v: unknown, c: string): void }).__setTheme(vars, 'vscode-dark'), [themeVariables.dark] as const);
    await settle(page);
    await settle(page);
    const afterSwitch = await darkGreyPixels();
    assert.ok(afterSwitch > before + 20, `axis text recoloured (${before} -> ${afterSwitch})`);
    await assertClean(panel);
    await page.context().close();
  });
});
