// A person opens the workspace, presses F1 and runs "Load test localhost": the installed extension must answer.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { notification, runCommand, screenshot, shownError, withVSCode } from './harness';

test('F1 "Load test localhost" runs the installed extension\'s command', async () => {
  await withVSCode('smoke', async ({ page }) => {
    await runCommand(page, 'Load test localhost');
    // Whatever the command shows first answers: the discovery's question about the dev server (a toast or a
    // dialog), a target or profile pick, or the panel's tab; a missing or throwing command shows an error instead.
    const answer = notification(page, /Load Test|dev server/i)
      .or(page.locator('.monaco-dialog-box', { hasText: /dev server/i }))
      .or(page.locator('.quick-input-widget .quick-input-list-entry'))
      .or(page.locator('.tabs-container .tab', { hasText: /Load Test/i }));
    // Only what is on screen counts: the palette leaves hidden entries in the DOM after it closes.
    await answer.or(shownError(page)).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    const errors = await shownError(page).allInnerTexts();
    assert.deepEqual(errors, [], `VS Code showed an error: ${errors.join(' | ')}`);
    await screenshot(page, 'smoke-command-ran');
  });
});
