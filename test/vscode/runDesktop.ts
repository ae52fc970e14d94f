// Runs the extension-host suite in desktop VS Code via @vscode/test-electron. Needs internet (it downloads VS Code),
// so it is for developers' machines; offline and in CI use scripts/vscode/run-extension-tests.ts (code-server).
// Usage: npm run build && node --import tsx test/vscode/runDesktop.ts   (env LTL_VSCODE_VERSION, default "stable")
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const testsEntry = path.join(repoRoot, 'out', 'test', 'vscode', 'index.js');
  if (!fs.existsSync(testsEntry)) {
    console.error('missing out/test/vscode/index.js; run `npm run build:dev` first');
    return 1;
  }
  // Downloads are cached outside the repo (like code-server); profile dirs are fresh for every run.
  const cacheRoot = process.env.LTL_CACHE ?? path.join(os.homedir(), '.cache', 'load-test-localhost');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-vscode-desktop-'));
  try {
    return await runTests({
      version: process.env.LTL_VSCODE_VERSION ?? 'stable',
      cachePath: path.join(cacheRoot, 'vscode-test'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsEntry,
      launchArgs: [
        path.join(repoRoot, 'test', 'vscode', 'workspace'),
        `--user-data-dir=${path.join(scratch, 'user')}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
        // Desktop VS Code refuses the trust dialog in test mode; disabling trust counts the fixture as trusted,
        // which the offline runner achieves by pre-trusting the folder instead.
        '--disable-workspace-trust',
        '--disable-extensions', // other installed extensions stay out of the way
      ],
    });
  } catch (err) {
    console.error(`desktop extension tests failed: ${(err as Error).message}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
