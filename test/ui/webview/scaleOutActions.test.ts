// The panel's ways out to other tools, in a real browser: Export -> k6 / Locust and "Copy CLI command" post their
// messages once a run has a result, and stay hidden while it runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { generateSampleRun } from '../../fixtures/sampleRun';
import { buildWebviewBundle, collectPageErrors, launchBrowser, postedMessages, postToWebview, settle, startPanelServer, type TestServer } from './harness';

let browser: Browser;
let server: TestServer;

before(async () => {
  server = await startPanelServer(await buildWebviewBundle());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Export k6 / Locust and Copy CLI command: hidden while running, post their messages when finished', async () => {
  const run = generateSampleRun();
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.origin}/panel.html?theme=light`);
  await page.waitForFunction('window.__posted.length > 0');
  await postToWebview(page, { type: 'init', history: [] });
  await postToWebview(page, { type: 'runStarted', run: run.startedRun() });
  await settle(page);
  assert.equal(await page.isVisible('.export-group >> text=k6'), false);
  assert.equal(await page.isVisible('button >> text=Copy CLI command'), false);

  await postToWebview(page, { type: 'runFinished', runId: run.runId, result: run.result });
  await settle(page);
  await page.click('.export-group >> text=k6');
  await page.click('.export-group >> text=Locust');
  await page.click('button >> text=Copy CLI command');
  const posted = (await postedMessages(page)).slice(1);
  assert.deepEqual(posted, [
    // The run on screen goes with each: an earlier run opened from the history is exported as itself.
    { type: 'export', format: 'k6', runId: run.runId },
    { type: 'export', format: 'locust', runId: run.runId },
    { type: 'copyCliCommand', runId: run.runId },
  ]);
  assert.deepEqual(errors, []);
});
