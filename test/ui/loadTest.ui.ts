// A person's load test in a real VS Code: start the workspace's dev server, F1 "Load test localhost", pick the
// server and a profile, watch the panel fill in live, stop the run from the status bar, look at the panel in
// the dark and the light theme (switched as a person does; screenshots in .test-artifacts/).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeWebview, runCommand, screenshot, shownError, withVSCode } from './harness';
import { cardValue, paintedPixels, pickServerAndProfile, setColorTheme, startWorkspaceServer, waitFor } from './loadTestSteps';
import { formatRate } from '../../src/shared/formatNumbers';

test('F1 "Load test localhost": pick the server and a profile, live panel, stop from the status bar, both themes, restored after a reload, compared with a second run', async () => {
  await withVSCode('load-test', async ({ page, folder }) => {
    const { child, port } = await startWorkspaceServer(folder);
    try {
      await runCommand(page, 'Load test localhost');
      await pickServerAndProfile(page, port, 'Constant rate: 200 req/s');

      // The panel opens beside the editor as the load starts and fills in while the run goes on.
      await page.locator('.tabs-container .tab', { hasText: 'Load Test Results' }).waitFor({ timeout: 30_000 });
      const panel = activeWebview(page);
      await panel.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 30_000 });
      await waitFor(async () => (await cardValue(panel, 'ok')) > 100, 'live requests in the panel');
      await waitFor(async () => (await paintedPixels(panel, 'throughput')) > 500, 'the throughput chart to draw');

      // The status bar button shows live numbers; clicking it stops the run.
      const statusItem = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · \d+ err/ }).first();
      await statusItem.waitFor({ timeout: 15_000 });
      await screenshot(page, 'load-test-running');
      await statusItem.click();

      // Stopped: the results stay, the panel offers Run again, the button shows the summary.
      await panel.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 30_000 });
      const ok = await cardValue(panel, 'ok');
      assert.ok(ok > 100, `requests measured before the stop are kept (${ok})`);
      assert.equal(await cardValue(panel, 'failed'), 0);
      await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · p99 .* ok/ }).first().waitFor({ timeout: 15_000 });
      for (const chart of ['throughput', 'percentiles', 'latency-distribution']) {
        assert.ok((await paintedPixels(panel, chart)) > 200, `the ${chart} chart is not blank`);
      }
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
      await page.keyboard.press('Escape'); // close leftover toasts

      await setColorTheme(page, 'Default Dark Modern', 'vs-dark');
      assert.ok((await paintedPixels(activeWebview(page), 'throughput')) > 200, 'charts redraw in the dark theme');
      await screenshot(page, 'load-test-panel-dark');

      await setColorTheme(page, 'Default Light Modern', 'vs');
      assert.ok((await paintedPixels(activeWebview(page), 'throughput')) > 200, 'charts redraw in the light theme');
      await screenshot(page, 'load-test-panel-light');

      // A window reload brings the panel back (WebviewPanelSerializer) with the same run, from the stored result.
      await page.reload();
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
      const restored = activeWebview(page);
      await restored.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 60_000 });
      await waitFor(async () => (await cardValue(restored, 'ok')) === ok, `the restored panel to show ${ok} ok requests`);
      await screenshot(page, 'load-test-panel-restored');
      // The status bar shows that run's summary again too (from the run history).
      await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · p99 .* ok/ }).first().waitFor({ timeout: 30_000 });

      // Run again, stop it, and compare it with the first run: the first run's figures come back as the baseline.
      const firstRequestsPerSec = await cardValue(restored, 'requestsPerSec');
      await restored.locator('button', { hasText: 'Run again' }).click();
      const live = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · \d+ err/ }).first();
      await live.waitFor({ timeout: 30_000 });
      await waitFor(async () => (await cardValue(restored, 'ok')) > 50 && (await cardValue(restored, 'ok')) !== ok, 'the second run to measure');
      await live.click();
      await restored.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 30_000 });
      const compare = restored.locator('#compare-select');
      await waitFor(async () => (await compare.locator('option').count()) === 2, 'the first run offered in "Compare with"');
      await compare.selectOption({ index: 1 });
      const delta = restored.locator('.summary .card[data-metric="requestsPerSec"] .card-delta');
      const expected = `baseline ${formatRate(firstRequestsPerSec)},`;
      await waitFor(async () => ((await delta.getAttribute('aria-label')) ?? '').startsWith(expected), `"${expected} ..." on the requests/s card`);
      await screenshot(page, 'load-test-panel-compared');
    } finally {
      child.kill();
    }
  });
});
