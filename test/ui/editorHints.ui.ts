// The editor side after a run that overflowed a real accept queue (a Node server with backlog 8 and ~5 ms of CPU per
// request, loaded like `ab -c 50 -n 1000`), as a person sees it in code-server: short lenses whose clicks change no
// file unless the label says it edits; the finding re-checked after the fix; no internal id or UND_ERR_* text on
// screen; the kernel settings rendered. Screenshots at 1400x900 in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { activeWebview, fixtureWorkspace, openFile, runCommand, screenshot, shownError, withVSCode } from './harness';
import { pickServerAndProfile, setColorTheme, waitFor } from './loadTestSteps';

const SERVER_FILE = 'slow-server.js';
// Busy for ~5 ms per request on one thread: 50 connections without keep-alive outrun a backlog of 8.
const SERVER_SOURCE = `const http = require('node:http');

const server = http.createServer((req, res) => {
  const until = Date.now() + 5;
  while (Date.now() < until);
  res.end('ok\\n');
});
server.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1', backlog: 8 }, () => {
  console.log(\`listening on http://127.0.0.1:\${server.address().port}\`);
});
`;

/** Rule ids, undici codes and "(see some-id)" pointers: words users should never read. */
const INTERNAL_WORDS = /UND_ERR_|accept-queue-overflow|syn-retransmit-delays|starved-connections|syn-queue-(drops|cookies)|\(see [a-z]+(-[a-z]+)+\)/;

function startSlowServer(folder: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [SERVER_FILE], { cwd: folder, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${SERVER_FILE} exited with ${code}`)));
    child.stdout?.on('data', (data: Buffer) => {
      const match = /127\.0\.0\.1:(\d+)/.exec(String(data));
      if (match) resolve({ child, port: Number(match[1]) });
    });
  });
}

function lens(page: Page, text: string | RegExp) {
  return page.locator('.contentWidgets .codelens-decoration a, .codelens-decoration a', { hasText: text }).first();
}

async function isDirty(page: Page): Promise<boolean> {
  return page.locator('.tabs-container .tab.dirty', { hasText: SERVER_FILE }).count().then((n) => n > 0);
}

/** Every text a user reads now: the workbench (status bar, Problems, hovers, notifications) and the results panel. */
async function textOnScreen(page: Page): Promise<string> {
  const workbench = await page.locator('.monaco-workbench').innerText();
  const panel = await activeWebview(page).locator('body').innerText({ timeout: 5_000 }).catch(() => '');
  return `${workbench}\n${panel}`;
}

test('after an overflowing run: lenses say what a click does, the fix is re-checked, no internal ids, three themes', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-hints-ui-'));
  fs.cpSync(fixtureWorkspace, folder, { recursive: true });
  fs.writeFileSync(path.join(folder, SERVER_FILE), SERVER_SOURCE);
  // One listen call in the workspace, so that the findings land only there.
  fs.rmSync(path.join(folder, 'server.js'));
  try {
    await withVSCode('editor-hints', async ({ page, folder: opened }) => {
      const { child, port } = await startSlowServer(opened);
      try {
        await runCommand(page, 'Load test localhost');
        await pickServerAndProfile(page, port, 'Like ab -c 50 -n 1000');
        await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /req\/s · p99 .* ok/ }).first().waitFor({ timeout: 120_000 });

        await openFile(page, SERVER_FILE);
        const finding = lens(page, /Last run: Accept queue overflowed/);
        await finding.waitFor({ timeout: 30_000 });
        const onDisk = () => fs.readFileSync(path.join(opened, SERVER_FILE), 'utf8');
        const before = onDisk();

        // Informational lenses explain (the hover opens); the file stays as it was.
        for (const label of [/^Listen backlog 8/, /Last run: Accept queue overflowed/]) {
          await lens(page, label).click();
          await page.locator('.monaco-hover', { hasText: 'Listen backlog' }).first().waitFor({ timeout: 15_000 });
          assert.equal(onDisk(), before, `clicking "${label}" changed the file on disk`);
          assert.equal(await isDirty(page), false, `clicking "${label}" edited the file`);
          await page.keyboard.press('Escape');
        }
        assert.doesNotMatch(await textOnScreen(page), INTERNAL_WORDS);
        await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
        const problems = page.locator('.markers-panel .monaco-list-row', { hasText: 'Last run: Accept queue overflowed' }).first();
        await problems.waitFor({ timeout: 15_000 });
        const problemsText = await page.locator('.markers-panel').innerText();
        assert.doesNotMatch(problemsText, INTERNAL_WORDS);
        assert.match(problemsText, /Load Test/);
        await lens(page, /^Listen backlog 8/).click();
        await page.locator('.monaco-hover', { hasText: 'Listen backlog' }).first().waitFor({ timeout: 15_000 });
        await screenshot(page, 'editor-hints-light');

        // The one lens that edits says so; after it, the finding is marked fixed in the code until a new run.
        await page.keyboard.press('Escape');
        await lens(page, 'Set backlog to 4096').click();
        await page.locator('.view-lines', { hasText: 'backlog: 4096' }).first().waitFor({ timeout: 15_000 });
        await lens(page, 'Fixed in the code since the last run').waitFor({ timeout: 30_000 });
        await lens(page, 'Run again to confirm').waitFor({ timeout: 5_000 });
        await waitFor(async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'Accept queue overflowed' }).count()) === 0, 'the fixed finding to leave the Problems list');
        assert.doesNotMatch(await textOnScreen(page), INTERNAL_WORDS);
        await screenshot(page, 'editor-hints-fixed-light');

        await runCommand(page, 'Show kernel TCP settings');
        const preview = page.locator('.tabs-container .tab', { hasText: 'Kernel TCP settings' }).first();
        await preview.waitFor({ timeout: 30_000 });
        const rendered = activeWebview(page).locator('table td', { hasText: 'net.core.somaxconn' }).first();
        await rendered.waitFor({ timeout: 30_000 });
        await screenshot(page, 'kernel-settings-light');

        for (const [theme, css, name] of [
          ['Default Dark Modern', 'vs-dark', 'dark'],
          ['Default High Contrast', 'hc-black', 'high-contrast'],
        ] as const) {
          await setColorTheme(page, theme, css);
          await preview.click();
          await rendered.waitFor({ timeout: 15_000 });
          await screenshot(page, `kernel-settings-${name}`);
          await page.locator('.tabs-container .tab', { hasText: SERVER_FILE }).first().click();
          await lens(page, 'Fixed in the code since the last run').waitFor({ timeout: 15_000 });
          await screenshot(page, `editor-hints-fixed-${name}`);
        }
        assert.deepEqual(await shownError(page).allInnerTexts(), []);
      } finally {
        child.kill();
      }
    }, { folder });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
