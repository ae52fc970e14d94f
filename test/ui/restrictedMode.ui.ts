// Restricted mode: in a workspace the user did not trust, the workspace's own `loadTest.url` is ignored (it could
// point anywhere); the running dev server found on loopback is still offered and tested.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { activeWebview, answerTrustPrompt, fixtureWorkspace, runCommand, screenshot, withVSCode } from './harness';
import { cardValue, pickServerAndProfile, startWorkspaceServer, waitFor } from './loadTestSteps';

test('untrusted workspace: its loadTest.url is ignored, the discovered server is tested', async () => {
  let decoyHits = 0;
  const decoy = http.createServer((_req, res) => {
    decoyHits++;
    res.end('decoy');
  });
  await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
  const decoyPort = (decoy.address() as AddressInfo).port;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-untrusted-'));
  fs.cpSync(fixtureWorkspace, folder, { recursive: true });
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'loadTest.url': `http://127.0.0.1:${decoyPort}/` }));
  try {
    await withVSCode(
      'restricted-mode',
      async ({ page, folder: opened }) => {
        await answerTrustPrompt(page, false);
        const { child, port } = await startWorkspaceServer(opened);
        try {
          await runCommand(page, 'Load test localhost');
          await pickServerAndProfile(page, port, 'Like ab -c 50 -n 1000');
          const panel = activeWebview(page);
          await panel.locator('.target-url', { hasText: `127.0.0.1:${port}` }).waitFor({ timeout: 60_000 });
          await waitFor(async () => (await cardValue(panel, 'ok')) === 1000, 'the 1000 requests of the ab-like profile', 60_000);
          assert.equal(decoyHits, 0, 'the workspace-configured URL was not loaded');
          await screenshot(page, 'restricted-mode-run');
        } finally {
          child.kill();
        }
      },
      { folder, trusted: false },
    );
  } finally {
    await new Promise((resolve) => decoy.close(resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
