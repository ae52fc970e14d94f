// The results panel as a person meets it, in a real VS Code (code-server) at 1400×900 and 800×600, in the light, dark
// and high-contrast themes: the ab-like profile against a dev server with listen backlog 8 whose last requests
// stall; charts in view while it runs; the tail saying what it waits for; findings; a second run against the fixed
// server stopped from the panel ("Stopping…" at once); the comparison with every key figure's change, kept across
// a window reload; the HTML export opening in the browser. Screenshots go to .test-artifacts/ (README: docs/media).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { codeServerHome } from '../../scripts/vscode/codeServerProcess';
import { activeWebview, notification, runCommand, screenshot, shownError, withVSCode } from './harness';
import { cardValue, paintedPixels, pickServerAndProfile, setColorTheme, startWorkspaceServer, waitFor } from './loadTestSteps';

const AB_PROFILE = 'Like ab -c 50 -n 1000';
/** Backlog 8 and 5 ms of CPU per request: 50 connections overflow the accept queue. Requests after the 960th answer
 * 8 s late: the run's tail waits for them. */
const TROUBLED_SERVER = { BACKLOG: '8', CPU_MS: '5', SLOW_AFTER: '960', SLOW_MS: '8000' };
const COMPARED = ['p50', 'p90', 'p99', 'requestsPerSec', 'failed', 'connectP99'];

/** Where the element is in the page (the webview's frames included), to say whether it is in view. */
async function inViewport(page: Page, panel: FrameLocator, selector: string): Promise<{ top: number; bottom: number; visible: boolean }> {
  const box = await panel.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return { top: NaN, bottom: NaN, visible: false };
  return { top: box.y, bottom: box.y + box.height, visible: box.y >= 0 && box.y + box.height <= viewport.height };
}

async function liveChartInView(page: Page, panel: FrameLocator, name: string): Promise<void> {
  await waitFor(async () => (await paintedPixels(panel, 'throughput')) > 500, 'the throughput chart to draw', 60_000);
  const place = await inViewport(page, panel, 'canvas[data-chart="throughput"]');
  assert.ok(place.visible, `${name}: the drawn throughput chart is in view without scrolling (${Math.round(place.top)}–${Math.round(place.bottom)} px)`);
}

test('a run from start to compare: charts in view, the tail explained, Stopping… at once, every delta, kept across a reload, the report in the browser', async () => {
  await withVSCode('panel-tour', async ({ page, folder, server }) => {
    let { child, port } = await startWorkspaceServer(folder, TROUBLED_SERVER);
    try {
      await runCommand(page, 'Load test localhost');
      await pickServerAndProfile(page, port, AB_PROFILE);
      await page.locator('.tabs-container .tab', { hasText: 'Load Test Results' }).waitFor({ timeout: 30_000 });
      const panel = activeWebview(page);
      await panel.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 30_000 });
      await liveChartInView(page, panel, '1400×900');
      await screenshot(page, 'panel-running-1400x900-light');

      // Every request sent; the 40 stalled ones are waited for, and the panel says so, with a deadline.
      await panel.locator('.status-badge', { hasText: 'Waiting' }).waitFor({ timeout: 60_000 });
      assert.match(await panel.locator('.elapsed').innerText(), /^every request sent; waiting for \d+ still in flight, at most \d+ s more$/);
      assert.equal((await panel.locator('.status-row button.stop').innerText()).trim(), 'Stop now');
      await screenshot(page, 'panel-tail-1400x900-light');

      await panel.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 60_000 });
      assert.ok((await cardValue(panel, 'ok')) >= 900, 'the stalled requests were waited for');
      await panel.locator('.finding').first().waitFor({ timeout: 10_000 });
      await screenshot(page, 'panel-finished-1400x900-light');
      const shown = await panel.locator('body').innerText();
      assert.doesNotMatch(shown, /UND_ERR|accept-queue-overflow|syn-retransmit-delays|starved-connections/, 'no internal id in the panel');

      // The fix: the same port, the default backlog, no stalls. A second run, stopped from the panel.
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
      ({ child, port } = await startWorkspaceServer(folder, { PORT: String(port), CPU_MS: '5' }));
      await panel.locator('button', { hasText: 'Run again' }).click();
      await panel.locator('.status-badge', { hasText: 'Running' }).waitFor({ timeout: 30_000 });
      await waitFor(async () => (await cardValue(panel, 'ok')) > 200, 'the second run to measure');
      await panel.locator('.status-row button.stop').click();
      // Shown by the panel itself at the click, before the host answers.
      await panel.locator('.status-badge', { hasText: 'Stopping…' }).waitFor({ timeout: 1_000 });
      await panel.locator('.status-badge', { hasText: 'Cancelled' }).waitFor({ timeout: 30_000 });

      // Compare with the first run: every key figure shows its change and which way is better.
      const compare = panel.locator('#compare-select');
      await waitFor(async () => (await compare.locator('option').count()) === 2, 'the first run offered in "Compare with"');
      await compare.selectOption({ index: 1 });
      for (const metric of COMPARED) {
        const change = panel.locator(`.summary .card[data-metric="${metric}"] .card-delta .delta-change`);
        await change.waitFor({ state: 'visible', timeout: 15_000 });
        assert.match(await change.innerText(), /^([+−][\d,.]+( ms| s|%)? · (better|worse)|about the same)$/, metric);
      }
      assert.equal(await panel.locator('.run-history-row .stop-mark').first().textContent(), 'cancelled', 'the cancelled run is marked in the history');
      await screenshot(page, 'panel-compared-1400x900-light');
      const baselineId = await compare.inputValue();

      // A window reload keeps the comparison.
      await page.reload();
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
      const restored = activeWebview(page);
      await restored.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 60_000 });
      await waitFor(async () => (await restored.locator('#compare-select').inputValue()) === baselineId, 'the baseline selected again after the reload');
      await restored.locator('.summary .card[data-metric="p50"] .card-delta').waitFor({ state: 'visible', timeout: 15_000 });

      // Export HTML from the panel: the dialog starts in ~/Downloads, not the workspace; "Open in browser" opens it.
      const downloads = path.join(codeServerHome(server.dirs), 'Downloads');
      fs.mkdirSync(downloads, { recursive: true });
      await restored.locator('.export-group button[data-format="html"]').click();
      const dialogInput = page.locator('.quick-input-widget input');
      await dialogInput.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await dialogInput.inputValue(), new RegExp(`${downloads.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/load-test-127\\.0\\.0\\.1-${port}-.*\\.html$`));
      await dialogInput.press('Enter');
      const exported = notification(page, /^Exported ~\/Downloads\/load-test-.*\.html$/);
      await exported.waitFor({ timeout: 30_000 });
      const file = fs.readdirSync(downloads).find((name) => name.endsWith('.html'));
      assert.ok(file, 'the report was written to ~/Downloads');
      assert.equal(fs.readdirSync(folder).filter((name) => name.startsWith('load-test-')).length, 0, 'nothing was written into the workspace');
      const opened = page.context().waitForEvent('page', { timeout: 15_000 });
      await page.locator('.notification-toast .monaco-button', { hasText: 'Open in browser' }).click();
      const browserTab = await opened;
      assert.equal(decodeURIComponent(browserTab.url()), `file://${path.join(downloads, file)}`, 'env.openExternal got the file URI');
      await browserTab.close();
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
    } finally {
      child.kill();
    }
  });
});

test('800×600 in the dark and high-contrast themes: a drawn chart in view while running, the findings after', async () => {
  await withVSCode('panel-small', async ({ page, folder }) => {
    const { child, port } = await startWorkspaceServer(folder, TROUBLED_SERVER);
    try {
      await page.setViewportSize({ width: 800, height: 600 });
      await setColorTheme(page, 'Default Dark Modern', 'vs-dark');
      await runCommand(page, 'Load test localhost');
      await pickServerAndProfile(page, port, AB_PROFILE);
      await page.locator('.tabs-container .tab', { hasText: 'Load Test Results' }).waitFor({ timeout: 30_000 });
      const panel = activeWebview(page);
      await liveChartInView(page, panel, '800×600');
      await screenshot(page, 'panel-running-800x600-dark');
      await panel.locator('.status-badge', { hasText: 'Waiting' }).waitFor({ timeout: 60_000 });
      await screenshot(page, 'panel-tail-800x600-dark');
      await panel.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 60_000 });
      await screenshot(page, 'panel-finished-800x600-dark');

      await setColorTheme(page, 'Default High Contrast', 'hc-black');
      assert.ok((await paintedPixels(activeWebview(page), 'kernel')) > 200, 'the kernel chart redraws in high contrast');
      await screenshot(page, 'panel-finished-800x600-high-contrast');
      await page.setViewportSize({ width: 1400, height: 900 });
      await activeWebview(page).locator('[data-chart-card="kernel"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-kernel-1400x900-high-contrast');
      await setColorTheme(page, 'Default Dark Modern', 'vs-dark');
      await activeWebview(page).locator('.panel-header').scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-finished-1400x900-dark');
    } finally {
      child.kill();
    }
  });
});
