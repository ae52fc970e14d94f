// Issue 16: F1 "Load test localhost" given while focus is inside a webview (the Welcome page, our own results
// panel). Closing the palette hands focus back to the webview; the pickers the command opens must stay until
// answered, and the run must start. Repeated, so that a timing race cannot hide.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { activeWebview, extensionLog, notification, runCommand, screenshot, shownError, withVSCode } from './harness';
import { cardValue, startWorkspaceServer, waitFor } from './loadTestSteps';

const PROFILE = 'Quick check: 10 connections';

/**
 * F1 with focus inside a webview, then the command as in `runCommand`. The webview forwards the key to the
 * workbench and may miss a press while it loads, and right after start-up the extension's commands may not be
 * listed yet: like a person, focus the webview again and retry.
 */
async function runCommandFromWebview(page: Page, webview: Locator, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await webview.click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('F1');
    const opened = await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (opened) {
      await input.fill(`>${title}`);
      if (await row.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
    }
    if (attempt === 10) throw new Error(`"${title}" could not be run from the palette with focus in a webview`);
  }
  await input.press('Enter');
}

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
  // The results panel is visible and shows the progress: no notification covers it.
  assert.equal(await notification(page, 'Load testing').count(), 0, 'no progress notification over the visible panel');
  await live.click();
  // Finished when the run button is back to "Load test" (the last summary sits beside it all along).
  await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /^\s*Load test\s*$/ }).first().waitFor({ timeout: 30_000 });
  await live.waitFor({ state: 'detached', timeout: 30_000 });
}

test('F1 "Load test localhost" from inside the Welcome page and the results panel: the picker stays, the run starts (4 times); the status bar runs again with one click', async () => {
  await withVSCode('palette-from-webview', async ({ page, folder, server }) => {
    const { child } = await startWorkspaceServer(folder);
    try {
      // 1. Focus inside the Welcome walkthrough (its theme picker is a webview).
      await runCommand(page, 'Help: Welcome');
      await page.locator('.gettingStartedContainer').first().waitFor({ timeout: 30_000 });
      // The category button is marked disabled while the page animates in; a person's click still opens it.
      await page.locator('.getting-started-category').first().click({ force: true });
      const walkthrough = page.locator('iframe.webview:visible').last();
      await walkthrough.waitFor({ timeout: 30_000 });
      await runCommandFromWebview(page, walkthrough, 'Load test localhost');
      await answerProfile(page);
      await stopRunFromStatusBar(page);
      // Only the results panel's webview from here on (both would match the visible-webview locator).
      await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().locator('.codicon-close').click();
      const panel = activeWebview(page);
      try {
        await panel.locator('button', { hasText: 'Run again' }).waitFor({ state: 'visible', timeout: 30_000 });
      } catch (err) {
        // Seen about 1 run in 5 (a blank panel after the walkthrough's group closed, cause not found): say what each
        // webview frame held, to tell a page that never got its run from a frame that was never laid out.
        const frames = await page.locator('iframe.webview').evaluateAll((els) => els.map((e) => `${e.getAttribute('class')} ${e.getAttribute('style')}`));
        console.log('webview frames at the failure:', JSON.stringify(frames, null, 1));
        for (const f of page.frames()) {
          const body = await f
            .evaluate('document.body ? document.body.innerHTML.length + " chars: " + document.body.innerText.slice(0, 200) : "no body"')
            .catch((e: unknown) => `not readable: ${String(e)}`);
          console.log('  frame', f.url().slice(0, 120), '=>', body);
        }
        throw err;
      }

      // 2-4. Focus inside our results panel, three times in a row.
      for (let round = 2; round <= 4; round++) {
        const before = await cardValue(panel, 'ok');
        await runCommandFromWebview(page, page.locator('iframe.webview.ready:visible').last(), 'Load test localhost');
        await answerProfile(page);
        await stopRunFromStatusBar(page);
        await waitFor(async () => (await cardValue(panel, 'ok')) !== before, `round ${round}: the panel shows the new run`);
      }
      // The status bar keeps its run button beside the last run's summary: one click runs again.
      const before = await cardValue(panel, 'ok');
      await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /^\s*Load test\s*$/ }).first().click();
      await stopRunFromStatusBar(page);
      await waitFor(async () => (await cardValue(panel, 'ok')) !== before, 'the panel shows the run the status bar started');
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
      // A panel that stayed blank was loaded again (pageLoadWatch.ts): how often, to keep an eye on the platform bug.
      console.log(`results panel pages loaded again: ${(extensionLog(server.dirs.root).match(/loading it again/g) ?? []).length}`);
      await screenshot(page, 'palette-from-webview');
    } finally {
      child.kill();
    }
  });
});
