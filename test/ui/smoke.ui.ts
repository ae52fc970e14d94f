// A person opens the workspace, presses F1 and runs "Load test localhost": the installed extension must answer.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { notification, runCommand, screenshot, withVSCode } from './harness';

test('F1 "Load test localhost" runs the installed extension\'s command', async () => {
  await withVSCode('smoke', async ({ page }) => {
    await runCommand(page, 'Load test localhost');
    // Whatever the command shows first (a notification or its panel's tab) names the extension.
    const answer = notification(page, /Load Test/i).or(page.locator('.tabs-container .tab', { hasText: /Load Test/i }));
    await answer.first().waitFor({ timeout: 30_000 });
    // A missing or failing command shows an error toast instead.
    const errors = await page.locator('.notification-toast .codicon-error').count();
    assert.equal(errors, 0, 'an error notification appeared');
    await screenshot(page, 'smoke-command-ran');
  });
});
