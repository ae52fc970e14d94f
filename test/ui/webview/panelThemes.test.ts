// The results panel in a real browser in each theme and width (screenshots), and recoloured when the theme changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { paintedPixelsPerChart, postToWebview, screenshotPath, settle } from './harness';
import { assertClean, CHARTS, openPanel, playRun, usePanelBrowser } from './panelSession';
import { themeVariables } from './themeVariables';

const { run, fixed } = usePanelBrowser();

describe('results panel webview', () => {

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    for (const width of [1200, 600]) {
      test(`screenshot: ${theme} theme at ${width}px`, async () => {
        const panel = await openPanel(theme, width);
        const { page } = panel;
        await playRun(page, run, { history: true });
        if (theme === 'dark') await postToWebview(page, { type: 'baseline', baseline: fixed.result });
        await settle(page);
        const pixels = await paintedPixelsPerChart(page);
        for (const chart of CHARTS) assert.ok(pixels[chart] > 500, `${chart} drew in ${theme}`);
        if (width === 600) {
          // Narrow: the charts stack in one column.
          const lefts = await page.$$eval('.chart-card', (cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
          assert.equal(new Set(lefts).size, 1);
          const overflow = (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
          assert.equal(overflow, false, 'no horizontal scrolling at 600px');
        }
        // Every key figure is whole: a long one ("783.4 KiB/s") is set smaller, never cut to "783.4 Ki…".
        const cut = await page.$$eval('.summary .card-value', (values) => values.filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => v.textContent));
        assert.deepEqual(cut, [], `no figure cut off at ${width}px`);
        if (theme === 'high-contrast') {
          // One border colour for every severity here: the line's style tells them apart.
          const styles = (await page.evaluate(
            `[...document.querySelectorAll('.finding')].map((f) => (f.className.match(/severity-\\w+/) || [''])[0] + ' ' + getComputedStyle(f).borderLeftStyle)`,
          )) as string[];
          for (const style of new Set(styles)) assert.match(style, /^(severity-error solid|severity-warning dashed|severity-info dotted)$/);
          assert.ok(new Set(styles).size >= 2, styles.join(', '));
        }
        await page.screenshot({ path: screenshotPath(`${theme}-${width}`), fullPage: true });
        await assertClean(panel);
        await page.context().close();
      });
    }
  }


  test('long key figures are set smaller, never cut off, from 1400 to 480 px', async () => {
    // The helper's case: "783.4 KiB/s" read "783.4 Ki…" at 1000 px.
    const result = { ...run.result, throughput: { ...run.result.throughput, bytesReadPerSec: 783.4 * 1024, requestsPerSec: 123_456 } };
    for (const width of [1400, 1000, 800, 700, 650, 560, 480]) {
      const panel = await openPanel('light', width);
      const { page } = panel;
      await postToWebview(page, { type: 'init', history: [], run: { ...run.runAfter(0), status: 'finished', result } });
      await settle(page);
      assert.equal(await page.locator('.card[data-metric="bytesPerSec"] .card-value').innerText(), '783.4 KiB/s');
      const cut = await page.$$eval('.summary .card-value', (values) => values.filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => v.textContent));
      assert.deepEqual(cut, [], `no figure cut off at ${width}px`);
      await page.context().close();
    }
  });

  test('re-reads chart colours when the theme changes', async () => {
    const panel = await openPanel('light');
    const { page } = panel;
    await playRun(page, run);
    // Axis text is drawn in --vscode-descriptionForeground: #717171 in light, #9d9d9d in dark. Count pixels near the
    // dark grey before and after the switch.
    const darkGreyPixels = async () =>
      (await page.evaluate(`(() => {
        const c = document.querySelector('canvas[data-chart="status-codes"]');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 200 && Math.abs(d[i] - 157) < 8 && Math.abs(d[i + 1] - 157) < 8 && Math.abs(d[i + 2] - 157) < 8) n++;
        }
        return n;
      })()`)) as number;
    const before = await darkGreyPixels();
    await page.evaluate(([vars]) => (globalThis as unknown as { __setTheme(v: unknown, c: string): void }).__setTheme(vars, 'vscode-dark'), [themeVariables.dark] as const);
    await settle(page);
    await settle(page);
    const afterSwitch = await darkGreyPixels();
    assert.ok(afterSwitch > before + 20, `axis text recoloured (${before} -> ${afterSwitch})`);
    await assertClean(panel);
    await page.context().close();
  });
});
