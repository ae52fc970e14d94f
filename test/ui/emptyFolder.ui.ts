// An empty folder: "Load test localhost" offers the loopback servers already running on the machine (no /proc
// internals on screen), and the URL box takes `localhost:PORT` the way the CLI does.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCommand, screenshot, shownError, withVSCode } from './harness';

test('empty folder: running loopback servers are offered, and "localhost:PORT" is a URL', async () => {
  // A server outside the workspace, as a dev server started from another folder would be.
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-elsewhere-'));
  const source = "const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('PORT='+s.address().port))";
  const child = spawn(process.execPath, ['-e', source], { cwd: elsewhere, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      child.stdout?.on('data', (d: Buffer) => {
        const match = /PORT=(\d+)/.exec(String(d));
        if (match) resolve(Number(match[1]));
      });
    });
    await withVSCode('empty-folder', async ({ page }) => {
      await runCommand(page, 'Load test localhost');
      const input = page.locator('.quick-input-widget input');
      const offered = page.locator('.quick-input-list .monaco-list-row', { hasText: `127.0.0.1:${port}` }).first();
      await page.locator('.quick-input-widget', { hasText: 'Load test which server?' }).waitFor({ timeout: 60_000 });
      assert.equal(await input.getAttribute('placeholder'), 'No dev server found in this workspace; these run on this machine');
      assert.doesNotMatch(await page.locator('.quick-input-widget').innerText(), /\/proc|cmdline|ss -ltn/);
      await input.fill(String(port));
      await offered.waitFor({ timeout: 15_000 });
      assert.match(await offered.innerText(), /running, outside this workspace/);
      await screenshot(page, 'empty-folder-offer');

      // "Enter a URL…" takes host:port without a scheme.
      await input.fill('Enter a URL');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter a URL' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Load test URL' }).waitFor({ timeout: 15_000 });
      await input.fill(`localhost:${port}`);
      await input.press('Enter');
      // Accepted: the next question is the profile for that URL, with http:// added.
      await page.locator('.quick-input-widget', { hasText: `Load test http://localhost:${port}/` }).waitFor({ timeout: 15_000 });
      await screenshot(page, 'empty-folder-profile');
      await page.keyboard.press('Escape');
      assert.deepEqual(await shownError(page).allInnerTexts(), []);
    }, { folder: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'discovery-empty') });
  } finally {
    child.kill();
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});
