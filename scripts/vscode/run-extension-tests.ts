// Runs the mocha extension-host suite (out/test/vscode/) inside a real VS Code 1.100 offline: code-server + headless
// Debian chromium. Assumes `npm run build` ran. Exits with the suite's code and ends with "N passed, N failed".
// Usage: node --import tsx scripts/vscode/run-extension-tests.ts
// Env: LTL_VSCODE_TEST_TIMEOUT_MS (default 300000), LTL_MOCHA_GREP (passed to mocha), LTL_KEEP_DIRS=1 (keep temp dirs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServerProcess';
import { launchChromium } from './headlessChromium';
import { workbenchUrl } from './workbenchUrl';
import { trustFolderBeforeLoad } from './workspaceTrust';

const repoRoot = path.resolve(__dirname, '..', '..');
const testsEntry = path.join(repoRoot, 'out', 'test', 'vscode', 'index.js');
const workspace = path.join(repoRoot, 'test', 'vscode', 'workspace');
const artifactsDir = path.join(repoRoot, '.test-artifacts');
const timeoutMs = Number(process.env.LTL_VSCODE_TEST_TIMEOUT_MS ?? 300_000);
const summaryPattern = /^(\d+) passed, (\d+) failed$/;
// Harmless workbench noise on an offline machine (marketplace lookups); everything else is relayed.
const offlineNoise = /ENOTFOUND open-vsx\.org|vsda/;

interface Outcome {
  exitCode: number;
  summary?: string;
}

async function main(): Promise<number> {
  if (!fs.existsSync(testsEntry)) {
    console.error(`missing ${path.relative(repoRoot, testsEntry)}; run \`npm run build\` first`);
    return finish({ exitCode: 1 });
  }
  const started = Date.now();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let outcome: Outcome = { exitCode: 1 };
  try {
    server = await startCodeServer();
    // Tests may change workspace settings or files; they get a fresh copy, never the repo's fixture.
    const folder = path.join(server.dirs.root, 'workspace');
    fs.cpSync(workspace, folder, { recursive: true });
    browser = await launchChromium();
    const page = await browser.newPage();
    let summary: string | undefined;
    const exit = new Promise<number>((resolve) => {
      // The test host's console output (mocha's reporter) arrives here; relay it as plain lines.
      void page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        // Arguments are console.log's: a printf-style format string and its values (mocha's spec reporter uses %s/%d).
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (summaryPattern.test(line.trim())) summary = line.trim();
        if (!offlineNoise.test(line)) process.stdout.write(`${line}\n`);
      });
      // run() resolved -> 0, rejected -> 1.
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const url = workbenchUrl({
      serverUrl: server.url,
      folder,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsEntry,
    });
    await trustFolderBeforeLoad(page, server.url, folder);
    await page.goto(url);
    const exitCode = await withTimeout(exit, timeoutMs);
    outcome = { exitCode, summary };
    console.log(`extension-host suite finished with code ${exitCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`extension-host suite did not complete: ${(err as Error).message}`);
    if (server) saveServerLog(server);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop({ keepDir: process.env.LTL_KEEP_DIRS === '1' });
  }
  return finish(outcome);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s (LTL_VSCODE_TEST_TIMEOUT_MS)`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err) => (clearTimeout(timer), reject(err)),
    );
  });
}

function saveServerLog(server: RunningCodeServer): void {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const target = path.join(artifactsDir, 'extension-tests-code-server.log');
  fs.copyFileSync(server.logPath, target);
  console.error(`code-server log saved to ${path.relative(repoRoot, target)}`);
}

/** CI reads the last line; when the suite never reported (crash, timeout) count the run as one failure. */
function finish(outcome: Outcome): number {
  const exitCode = outcome.exitCode === 0 && outcome.summary ? 0 : outcome.exitCode || 1;
  console.log(outcome.summary ?? '0 passed, 1 failed');
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
