// The results panel as a person meets it, in a real VS Code (code-server) at 1400×900 in the light theme (800×600,
// dark and high contrast: panelSmall.ui.ts): the ab-like profile against a dev server with listen backlog 8 whose last requests
// stall; charts in view while it runs; the tail saying what it waits for; findings; a second run against the fixed
// server stopped from the panel ("Stopping…" at once); the comparison with every key figure's change, kept across
// a window reload; the HTML export opening in the browser. Screenshots go to .test-artifacts/ (README: docs/screenshots).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeServerHome } from '../../scripts/vscode/codeServerProcess';
import { activeWebview, notification, runCommand, screenshot, shownError, withVSCode } from './harness';
import { AB_PROFILE, cardValue, liveChartInView, pickServerAndProfile, startWorkspaceServer, TROUBLED_SERVER, waitFor } from './loadTestSteps';

const COMPARED = ['p50', 'p90', 'p99', 'requestsPerSec', 'failed', 'connectP99'];

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
      const firstOk = await cardValue(panel, 'ok');
      assert.ok(firstOk >= 900, 'the stalled requests were waited for');
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
      // Every text the status badge takes, recorded in the page: "Stopping…" may last less than a poll.
      type Badge = { textContent: string | null };
      await panel.locator('.status-badge').evaluate((badge: Badge) => {
        const seen: string[] = [];
        (globalThis as unknown as { __badges: string[] }).__badges = seen;
        const Observer = (globalThis as unknown as { MutationObserver: new (cb: () => void) => { observe(node: unknown, options: object): void } }).MutationObserver;
        new Observer(() => seen.push(badge.textContent ?? '')).observe(badge, { childList: true, characterData: true, subtree: true });
      });
      await panel.locator('.status-row button.stop').click();
      await panel.locator('.status-badge', { hasText: 'Cancelled' }).waitFor({ timeout: 30_000 });
      const badges = await panel.locator('.status-badge').evaluate(() => (globalThis as unknown as { __badges: string[] }).__badges);
      assert.deepEqual(badges.slice(0, 1), ['Stopping…'], `the click shows Stopping… first (${badges.join(' → ')})`);
      assert.equal(badges.at(-1), 'Cancelled');

      // Compare with the first run: every key figure shows its change and which way is better.
      const compare = panel.locator('#compare-select');
      await waitFor(async () => (await compare.locator('option').count()) === 2, 'the first run offered in "Compare with"');
      await compare.selectOption({ index: 1 });
      for (const metric of COMPARED) {
        const change = panel.locator(`.summary .card[data-metric="${metric}"] .card-delta .delta-change`);
        await change.waitFor({ state: 'visible', timeout: 15_000 });
        // A percentage or an amount, a factor from ten times on (×, ÷), or "about the same".
        assert.match(await change.innerText(), /^([+−][\d,.]+( ms| s|%)? · (better|worse)|[×÷][\d,.]+ · (better|worse)|about the same)$/, metric);
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
      const dialogInput = page.locator('.quick-input-widget .quick-input-box input').first();
      await waitFor(async () => (await dialogInput.inputValue()).endsWith('.html'), 'the save dialog to propose a file');
      assert.match(await dialogInput.inputValue(), new RegExp(`${downloads.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/load-test-127\\.0\\.0\\.1-${port}-.*\\.html$`));
      await dialogInput.press('Enter');
      const exported = notification(page, /^Exported ~\/Downloads\/load-test-.*\.html$/);
      await exported.waitFor({ timeout: 30_000 });
      const file = fs.readdirSync(downloads).find((name) => name.endsWith('.html'));
      assert.ok(file, 'the report was written to ~/Downloads');
      assert.equal(fs.readdirSync(folder).filter((name) => name.startsWith('load-test-')).length, 0, 'nothing was written into the workspace');
      // code-server is a remote window: the browser cannot open the server's file:// path, so the report comes to
      // it through code-server's port forwarding; it is the same file, and it renders the run.
      const opened = page.context().waitForEvent('page', { timeout: 15_000 });
      await page.locator('.notification-toast .monaco-button', { hasText: 'Open in browser' }).click();
      const browserTab = await opened;
      await browserTab.waitForLoadState();
      assert.match(browserTab.url(), new RegExp(`/proxy/\\d+/[0-9a-f]{32}/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      await browserTab.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 15_000 });
      assert.equal(await browserTab.locator('.summary .card[data-metric="ok"]').getAttribute('data-value'), String(await cardValue(restored, 'ok')));
      await browserTab.close();

      // Earlier runs: open the first run again, from the history on disk.
      await restored.locator('.run-history-title').click();
      await restored.locator('.run-history-row', { hasNotText: 'cancelled' }).locator('button', { hasText: 'Open' }).click();
      await waitFor(async () => (await cardValue(restored, 'ok')) === firstOk, `the first run (${firstOk} ok) shown again`);
      await restored.locator('.status-badge', { hasText: 'Finished' }).waitFor({ timeout: 10_000 });
      // Hidden behind another editor in its group and shown again (its page loads anew): still the run opened.
      await runCommand(page, 'File: New Untitled Text File');
      await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor({ timeout: 15_000 });
      const panelGroup = page.locator('.tabs-container', { has: page.locator('.tab', { hasText: 'Untitled' }) }).locator('.tab', { hasText: 'Load Test Results' });
      assert.equal(await panelGroup.count(), 1, 'the new editor opened in the panel\'s group');
      assert.equal(await panelGroup.evaluate((tab) => tab.classList.contains('active')), false, 'the panel is hidden behind it');
      await page.locator('.tabs-container .tab', { hasText: 'Load Test Results' }).first().click();
      const shownAgain = activeWebview(page);
      await shownAgain.locator('.status-badge', { hasText: 'Finished' }).waitFor({ timeout: 20_000 });
      await waitFor(async () => (await cardValue(shownAgain, 'ok')) === firstOk, `still the first run (${firstOk} ok) after the panel was hidden`);
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
    } finally {
      child.kill();
    }
  });
});
