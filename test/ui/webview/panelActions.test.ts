// The results panel in a real browser: its buttons post their messages, server text stays text, and a baseline
// run is compared.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../src/shared/protocol';
import type { RunResult } from '../../../src/shared/result';
import { sampleHistory } from '../../fixtures/sampleRun';
import { postToWebview, postedMessages, screenshotPath, settle } from './harness';
import { assertClean, openPanel, playRun, usePanelBrowser, XSS } from './panelSession';

const { run, fixed } = usePanelBrowser();

describe('results panel webview', () => {
  test('buttons post their messages: stop, copy, run in terminal, open backlog source, export, run again', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await postToWebview(page, { type: 'init', history: [], run: run.runAfter(8) });
    await settle(page);
    await page.click('button.stop');
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: run.result });
    await settle(page);
    const fix = '.finding[data-finding-id="accept-queue-overflow"] .fix-config';
    await page.click(`${fix} .fix-actions >> nth=0 >> text=Copy`);
    await page.click(`${fix} >> text=Run in terminal`);
    await page.click('.finding[data-finding-id="accept-queue-overflow"] >> text=Open where the backlog is set');
    await page.click('.export-group >> text=CSV');
    await page.click('text=Run again');
    // Keyboard: the snippet's Copy is reachable and works with Enter.
    await page.focus('.finding[data-finding-id="accept-queue-overflow"] .fix-code button');
    await page.keyboard.press('Enter');
    const posted = (await postedMessages(page)).slice(1);
    assert.deepEqual(posted, [
      { type: 'stop' },
      { type: 'copyText', text: 'sudo sysctl -w net.core.somaxconn=4096' },
      // The fix by its finding and place: the host looks the command up in its own result.
      {
        type: 'runInTerminal',
        findingId: 'accept-queue-overflow',
        fixIndex: run.result.findings.find((f) => f.id === 'accept-queue-overflow')!.fixes.findIndex((f) => f.command === 'sudo sysctl -w net.core.somaxconn=4096'),
        // In the run on screen, which may be an earlier one opened from the history.
        runId: run.runId,
      },
      { type: 'openBacklogSource', findingId: 'accept-queue-overflow', runId: run.runId },
      { type: 'export', format: 'csv', runId: run.runId },
      { type: 'runAgain' },
      { type: 'copyText', text: run.result.findings[0].fixes[0].snippet },
    ]);
    // The host's own check lets every one of them through (it once dropped "Run in terminal" without a word).
    assert.deepEqual(posted.filter((m) => !isWebviewMessage(m)), []);
    await assertClean(panel);
    await page.context().close();
  });

  test('result text is shown as text, never as HTML', async () => {
    const panel = await openPanel();
    const { page } = panel;
    const evil: RunResult = structuredClone(run.result);
    evil.target.url = `http://127.0.0.1:8000/${XSS}`;
    evil.findings[0].title = `Title ${XSS}`;
    evil.findings[0].explanation = XSS;
    evil.findings[0].evidence[0].value = XSS;
    evil.findings[0].fixes[1].command = `echo ${XSS}`;
    evil.errors.detail[0].example = XSS;
    evil.warnings = [XSS];
    evil.statusCodes[XSS] = 3;
    const started = run.startedRun();
    started.options = { ...started.options, url: evil.target.url };
    await postToWebview(page, { type: 'init', history: [{ ...sampleHistory()[0], label: XSS }] });
    await postToWebview(page, { type: 'runStarted', run: started });
    await postToWebview(page, { type: 'runFinished', runId: run.runId, result: evil });
    await settle(page);
    await page.waitForTimeout(100);
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    assert.equal(await page.evaluate('window.__xss'), undefined);
    assert.ok(((await page.textContent('.finding h3')) ?? '').includes(XSS));
    assert.ok(((await page.textContent('.errors-table')) ?? '').includes(XSS));
    assert.ok(((await page.textContent('.target-url')) ?? '').includes(XSS));
    await assertClean(panel);
    await page.context().close();
  });

  test('compares with a baseline: select posts compareWith, deltas and dashed overlay appear', async () => {
    const panel = await openPanel();
    const { page } = panel;
    await playRun(page, run, { history: true });
    const options = await page.$$eval('.compare-select option', (o) => o.map((x) => x.getAttribute('value')));
    assert.deepEqual(options, ['', 'run-fixed-1', 'run-old-1']);
    await page.selectOption('.compare-select', 'run-fixed-1');
    const posted = await postedMessages(page);
    assert.deepEqual(posted[posted.length - 1], { type: 'compareWith', runId: 'run-fixed-1' });
    await postToWebview(page, { type: 'baseline', baseline: fixed.result });
    await settle(page);
    const delta = await page.textContent('.card[data-metric="requestsPerSec"] .card-delta .delta-values');
    assert.equal(delta, `${fixed.result.throughput.requestsPerSec.toLocaleString('en-US', { maximumFractionDigits: 0 })} → ${Math.round(run.result.throughput.requestsPerSec)}`);
    assert.equal(await page.getAttribute('.card[data-metric="requestsPerSec"] .card-delta', 'data-trend'), 'worse');
    assert.equal(await page.isVisible('.card[data-metric="p99"] .card-delta'), true);
    assert.equal(await page.isVisible('.card[data-metric="failed"] .card-delta'), true);
    await page.screenshot({ path: screenshotPath('compare-light-1200'), fullPage: true });
    // Clearing the baseline removes the deltas and resets the select.
    await postToWebview(page, { type: 'baseline' });
    await settle(page);
    assert.equal(await page.isVisible('.card[data-metric="p99"] .card-delta'), false);
    assert.equal(await page.inputValue('.compare-select'), '');
    await assertClean(panel);
    await page.context().close();
  });
});
