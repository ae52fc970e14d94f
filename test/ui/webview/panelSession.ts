// What the results-panel browser tests share: one bundle, one static server and one Chromium per test file, and the
// steps of a run as the host would post them. The tests are split over panel*.test.ts so each file stays well
// under the per-file timeout and the files can run side by side.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunResult } from '../../../src/shared/result';
import { generateSampleRun, sampleHistory, type SampleRun } from '../../fixtures/sampleRun';
import {
  buildWebviewBundle,
  collectPageErrors,
  cspViolations,
  launchBrowser,
  postToWebview,
  settle,
  startPanelServer,
  watchCspViolations,
  type TestServer,
} from './harness';
import type { ThemeKind } from './themeVariables';

export const CHARTS = ['throughput', 'kernel', 'percentiles', 'latency-distribution', 'connect-time', 'status-codes'];
export const XSS = '<img src=x onerror="window.__xss=1">';

let browser: Browser;
let server: TestServer;

/**
 * Call once at the top of a test file: builds the bundle, serves it and starts Chromium for the file's tests.
 * Returns the two sample runs the tests play: the overflowing one and the fixed one (the baseline).
 */
export function usePanelBrowser(): { run: SampleRun; fixed: SampleRun } {
  before(async () => {
    const bundle = await buildWebviewBundle();
    server = await startPanelServer(bundle);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { run: generateSampleRun(), fixed: generateSampleRun({ scenario: 'fixed', runId: 'run-fixed-1' }) };
}

export interface OpenedPanel {
  page: Page;
  errors: string[];
}

export async function openPanel(theme: ThemeKind = 'light', width = 1200, height = 900): Promise<OpenedPanel> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await watchCspViolations(page);
  const errors = collectPageErrors(page);
  await page.goto(`${server.origin}/panel.html?theme=${theme}`);
  await page.waitForFunction('window.__posted.length > 0');
  return { page, errors };
}

export async function assertClean({ page, errors }: OpenedPanel): Promise<void> {
  assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
  assert.deepEqual(errors, [], 'no console errors');
}

/** A whole live run: init, runStarted, every progress step, runFinished. */
export async function playRun(page: Page, sample: SampleRun, options: { history?: boolean } = {}): Promise<void> {
  await startRun(page, sample, sample.progressSteps, options);
  await postToWebview(page, { type: 'runFinished', runId: sample.runId, result: sample.result });
  await settle(page);
}

/** A run up to its given progress steps: init, runStarted, the steps. */
export async function startRun(page: Page, sample: SampleRun, steps: SampleRun['progressSteps'], options: { history?: boolean } = {}): Promise<void> {
  await postToWebview(page, { type: 'init', history: options.history ? sampleHistory() : [] });
  await postToWebview(page, { type: 'runStarted', run: sample.startedRun() });
  await postProgress(page, sample, steps);
}

export async function postProgress(page: Page, sample: SampleRun, steps: SampleRun['progressSteps']): Promise<void> {
  for (const step of steps) {
    await postToWebview(page, { type: 'progress', runId: sample.runId, progress: step.progress, kernelSamples: step.kernelSamples });
  }
  await settle(page);
}

export function expectedFigures(result: RunResult): Record<string, number> {
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
