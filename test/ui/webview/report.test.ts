// The HTML report opened as a plain file in Chromium: no extension, no network, the same panel read-only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderHtmlReport } from '../../../src/report/htmlReport';
import { generateSampleRun } from '../../fixtures/sampleRun';
import { buildWebviewBundle, collectPageErrors, cspViolations, launchBrowser, paintedPixelsPerChart, screenshotPath, settle, summaryValues, watchCspViolations, type WebviewBundle } from './harness';

let browser: Browser;
let bundle: WebviewBundle;

before(async () => {
  bundle = await buildWebviewBundle();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('the HTML report opens standalone with charts drawn, read-only, under its CSP', async () => {
  const run = generateSampleRun();
  const result = structuredClone(run.result);
  // A result string that tries to close the JSON block must stay data.
  result.warnings.push('</script><script>window.__xss = 1</script>');
  const html = renderHtmlReport(result, { webviewJs: bundle.js, css: bundle.css });
  assert.ok(!html.includes('</script><script>window.__xss'), 'the result cannot close its <script> block');
  const file = join(mkdtempSync(join(tmpdir(), 'report-test-')), 'report.html');
  writeFileSync(file, html);

  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await watchCspViolations(page);
  const errors = collectPageErrors(page);
  await page.goto(`file://${file}`);
  await page.waitForSelector('.summary .card[data-value]');
  await settle(page);

  assert.equal(await page.evaluate('window.__xss'), undefined);
  assert.equal(await page.textContent('.status-badge'), 'Finished');
  const values = await summaryValues(page);
  assert.equal(values.ok, result.requests.ok);
  assert.equal(values.p99, result.latency.total.p99);
  const pixels = await paintedPixelsPerChart(page);
  for (const [chart, painted] of Object.entries(pixels)) assert.ok(painted > 500, `${chart} drew (${painted})`);
  assert.equal(Object.keys(pixels).length, 6);
  // Read-only: nothing that needs the extension.
  assert.equal(await page.isVisible('.toolbar'), false);
  assert.equal(await page.$$eval('button', (b) => b.filter((x) => /Run in terminal|Open where/.test(x.textContent ?? '')).length), 0);
  assert.ok(((await page.textContent('.notices')) ?? '').includes('</script><script>window.__xss = 1</script>'));
  // Default light colours: the theme variables were defined for it.
  assert.equal(await page.evaluate(`getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim()`), '#3b3b3b');
  await page.screenshot({ path: screenshotPath('report-1200'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});
