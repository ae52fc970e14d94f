// A slim container without iproute2, as a new user meets it: the CLI runs 20 connections without keep-alive with
// `ss` hidden from PATH. The text report and the panel (in Chromium, fed the very result the CLI wrote) say that
// the listener's backlog was not checked and how to check it, and none claims "No kernel TCP trouble found". The
// HTML export of that result says the same.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { NO_TROUBLE } from '../../../src/shared/notChecked';
import type { RunResult } from '../../../src/shared/result';
import { renderHtmlReport } from '../../../src/report/htmlReport';
import { httpServer, type RunningServer } from '../../support/testServers';
import { buildWebviewBundle, collectPageErrors, launchBrowser, postToWebview, screenshotPath, settle, startPanelServer, type TestServer } from './harness';

const entry = join(__dirname, '../../support/cliFromSources.ts');
/** What the CLI and its diagnosis start, except ss. */
const TOOLS = ['dmesg', 'journalctl'];

let browser: Browser;
let bundle: Awaited<ReturnType<typeof buildWebviewBundle>>;
let panel: TestServer;
let target: RunningServer;
let bin: string;

before(async () => {
  bin = mkdtempSync(join(tmpdir(), 'ltl-no-ss-'));
  for (const tool of TOOLS) {
    for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/sbin']) {
      try {
        symlinkSync(join(dir, tool), join(bin, tool));
        break;
      } catch {
        // not in this directory
      }
    }
  }
  target = await httpServer((_req, res) => res.end('ok\n'));
  bundle = await buildWebviewBundle();
  panel = await startPanelServer(bundle);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await panel?.close();
  await target?.close();
  rmSync(bin, { recursive: true, force: true });
});

function cliWithoutSs(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only the node binary is named by path; PATH holds no ss.
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: bin } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('ss missing: the text report and the panel say the backlog was not checked, never "No kernel TCP trouble found"', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-no-ss-run-'));
  try {
    const jsonFile = join(dir, 'result.json');
    const { code, stdout, stderr } = await cliWithoutSs([target.url, '-c', '20', '-n', '400', '--no-keepalive', '--no-color', '--json', jsonFile]);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunResult;
    assert.equal(result.requests.ok, 400);
    assert.ok(result.kernel?.notes.some((n) => /ss is not installed/.test(n)), 'the JSON note as before');
    const spot = result.kernel?.blindSpots?.find((b) => b.id === 'listen-backlog');
    assert.ok(spot, `listen-backlog blind spot, got ${JSON.stringify(result.kernel?.blindSpots)}`);
    // The fallback read /proc/net/tcp: the listener is there, its capacity is not.
    assert.match(spot.text, new RegExp(`Fallback: /proc/net/tcp\\{,6\\} shows the listener 127\\.0\\.0\\.1:${target.port} \\(\\d+ waiting to be accepted\\)`));

    // Text report.
    assert.match(stdout, /Not checked:\n {2}- The listener's backlog is unknown \(ss is not installed\)/);
    assert.match(stdout, /Install iproute2 \(`apt-get install iproute2`\) to read it\./);
    assert.ok(!stdout.includes(NO_TROUBLE), stdout);

    // The panel, fed the same result as the extension would post it.
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${panel.origin}/panel.html?theme=dark`);
    await page.waitForFunction('window.__posted.length > 0');
    await postToWebview(page, { type: 'init', history: [] });
    await postToWebview(page, { type: 'runStarted', run: { runId: 'no-ss', options: result.options, preflight: [], status: 'running', kernelSamples: [] } });
    await postToWebview(page, { type: 'runFinished', runId: 'no-ss', result });
    await settle(page);
    const notChecked = page.locator('.findings .not-checked');
    assert.equal(await notChecked.isVisible(), true, 'visible under the findings, not folded away');
    const line = page.locator('.not-checked-list li[data-blind-spot="listen-backlog"]');
    assert.equal(await line.isVisible(), true);
    assert.match(await line.innerText(), /backlog is unknown \(ss is not installed\).*apt-get install iproute2/);
    const findingsText = await page.locator('.findings').innerText();
    assert.ok(!findingsText.includes(NO_TROUBLE), findingsText);
    await page.locator('.findings').screenshot({ path: screenshotPath('not-checked-dark') });
    assert.deepEqual(errors, []);

    // The HTML export of the same result, opened standalone.
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(result, { webviewJs: bundle.js, css: bundle.css }));
    const report = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await report.goto(`file://${file}`);
    await report.waitForSelector('.not-checked-list li[data-blind-spot="listen-backlog"]');
    assert.match(await report.locator('.not-checked-list').innerText(), /backlog is unknown \(ss is not installed\)/);
    assert.ok(!(await report.locator('.findings').innerText()).includes(NO_TROUBLE));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
