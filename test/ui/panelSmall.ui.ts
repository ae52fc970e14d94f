// The results panel at 800×600 in the dark and high-contrast themes, in a real VS Code (code-server): a drawn chart in
// view while the ab-like profile runs against a dev server with listen backlog 8, the tail, the findings after, the
// kernel chart readable in high contrast. Screenshots go to .test-artifacts/.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeWebview, runCommand, screenshot, withVSCode } from './harness';
import { AB_PROFILE, liveChartInView, paintedPixels, pickServerAndProfile, setColorTheme, startWorkspaceServer, TROUBLED_SERVER } from './loadTestSteps';

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
