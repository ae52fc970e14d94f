// Issue 16: F1 "Load test localhost" given while focus is inside a webview (the Welcome page, our own results
// panel). Closing the palette hands focus back to the webview; the pickers the command opens must stay until
// answered, and the run must start. Repeated, so that a timing race cannot hide.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { activeWebview, runCommand, screenshot, shownError, withVSCode } from './harness';
import { cardValue, startWorkspaceServer, waitFor } from './loadTestSteps';

const PROFILE = 'Quick check: 10 connections';

/**
 * Answers the profile pick (the workspace's one running server is chosen without a question). Before that, focus
 * goes back into the webview, as VS Code does after the palette closed: a plain quick pick closes at that moment.
 */
async function answerProfile(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: PROFILE }).first();
  await row.waitFor({ timeout: 60_000 });
  await page.locator('iframe.webview:visible').last().focus();
  assert.ok(await row.isVisible(), 'the profile picker stays open when focus moves into the webview');
  await input.fill(PROFILE);
  await input.press('Enter');
}

/** Waits for the run to start (live numbers in the status bar), stops it there and waits for its summary. */
async function stopRunFromStatusBar(page: Page): Promise<void> {
  const live = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · \d+ err/ }).first();
  await live.waitFor({ timeout: 30_000 });
  await live.click();
  await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · p99 .* ok/ }).first().waitFor({ timeout: 30_000 });
}

test('F1 "Load test localhost" from inside the Welcome page and the results panel: the picker stays, the run starts (4 times)', async () => {
  await withVSCode('palette-from-webview', async ({ page, folder }) => {
    const { child } = await startWorkspaceServer(folder);
    try {
      // 1. Focus inside the Welcome walkthrough (its theme picker is a webview).
      await runCommand(page, 'Help: Welcome');
      await page.locator('.gettingStartedContainer').first().waitFor({ timeout: 30_000 });
      // The category button is marked disabled while the page animates in; a person's click still opens it.
      await page.locator('.getting-started-category').first().click({ force: true });
      const walkthrough = page.locator('iframe.webview:visible').last();
      await walkthrough.waitFor({ timeout: 30_000 });
      await walkthrough.click({ position: { x: 50, y: 50 } });
      await runCommand(page, 'Load test localhost');
      await answerProfile(page);
      await stopRunFromStatusBar(page);
      const panel = activeWebview(page);
      await panel.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 30_000 });

      // 2-4. Focus inside our results panel, three times in a row.
      for (let round = 2; round <= 4; round++) {
        const before = await cardValue(panel, 'ok');
        await panel.locator('.summary').first().click();
        await runCommand(page, 'Load test localhost');
        await answerProfile(page);
        await stopRunFromStatusBar(page);
        await waitFor(async () => (await cardValue(panel, 'ok')) !== before, `round ${round}: the panel shows the new run`);
      }
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
      await screenshot(page, 'palette-from-webview');
    } finally {
      child.kill();
    }
  });
});
