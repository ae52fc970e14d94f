// Runs the UI tests (test/ui/*.ui.ts, node:test + Playwright) against the extension as users get it: packaged as a
// .vsix, installed into code-server 4.100.3. Assumes `npm run build` ran. Screenshots land in .test-artifacts/.
// Ends with "N passed, N failed" and exits non-zero on any failure.
// Usage: node --import tsx scripts/vscode/run-ui-tests.ts [test/ui/one.ui.ts ...]
// Env: LTL_VSIX (use this .vsix instead of packaging), LTL_UI_TEST_TIMEOUT_MS (whole run, default 600000),
//      LTL_UI_TEST_CASE_TIMEOUT_MS (per test, default 180000), LTL_HEADED=1 (watch the browser).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshCodeServerDirs, installExtension, killLeftoverCodeServers } from './codeServerProcess';

const repoRoot = path.resolve(__dirname, '..', '..');
const uiDir = path.join(repoRoot, 'test', 'ui');
const runTimeoutMs = Number(process.env.LTL_UI_TEST_TIMEOUT_MS ?? 600_000);
const caseTimeoutMs = Number(process.env.LTL_UI_TEST_CASE_TIMEOUT_MS ?? 180_000);

function packageVsix(outDir: string): string {
  const vsix = path.join(outDir, 'load-test-localhost.vsix');
  // The bundles already contain the runtime deps; the flags keep vsce from prompting (no TTY in CI).
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  // README links to docs/ relatively and package.json names no repository: vsce refuses to package without a base
  // URL for such links. This .vsix is only installed into the test's code-server, so a placeholder base does.
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--baseContentUrl', 'https://example.invalid/', '--out', vsix];
  const result = spawnSync(vsce, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
  if (result.status !== 0) throw new Error(`vsce package failed (${result.status ?? result.signal})`);
  return vsix;
}

function uiTestFiles(): string[] {
  const requested = process.argv.slice(2).map((file) => path.resolve(file));
  if (requested.length) return requested;
  return fs
    .readdirSync(uiDir)
    .filter((name) => name.endsWith('.ui.ts'))
    .sort()
    .map((name) => path.join(uiDir, name));
}

/** node:test's TAP footer: "# pass N", "# fail N", "# cancelled N" (a timed-out test counts as cancelled). */
function countFromTap(tapFile: string): { passed: number; failed: number } | undefined {
  if (!fs.existsSync(tapFile)) return undefined;
  const tap = fs.readFileSync(tapFile, 'utf8');
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail') + (count('cancelled') || 0);
  return Number.isNaN(passed) || Number.isNaN(failed) ? undefined : { passed, failed };
}

/** Runs node:test on the files; kills the whole tree on timeout. Resolves with the exit code. */
function runNodeTest(files: string[], env: NodeJS.ProcessEnv, tapFile: string): Promise<number> {
  const args = [
    '--import', 'tsx',
    '--test',
    '--test-concurrency=1', // one code-server + browser at a time keeps CI machines predictable
    `--test-timeout=${caseTimeoutMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`UI tests timed out after ${runTimeoutMs / 1000} s (LTL_UI_TEST_TIMEOUT_MS); stopping them`);
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000).unref();
    }, runTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function signalGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'extension.js'))) {
    console.error('missing out/extension.js; run `npm run build` first');
    return 1;
  }
  const files = uiTestFiles();
  if (files.length === 0) {
    console.error(`no *.ui.ts files in ${path.relative(repoRoot, uiDir)}`);
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-ui-tests-'));
  const pgidDir = path.join(scratch, 'code-server-groups');
  fs.mkdirSync(pgidDir);
  // One extensions dir with the .vsix installed, shared by every test's fresh code-server.
  const extensionDirs = freshCodeServerDirs();
  try {
    let started = Date.now();
    const vsix = process.env.LTL_VSIX ? path.resolve(process.env.LTL_VSIX) : packageVsix(scratch);
    installExtension(extensionDirs, vsix);
    const kib = Math.round(fs.statSync(vsix).size / 1024);
    console.log(`installed ${path.basename(vsix)} (${kib} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    started = Date.now();
    const tapFile = path.join(scratch, 'ui.tap');
    const env = { ...process.env, LTL_UI_EXTENSIONS_DIR: extensionDirs.extensionsDir, LTL_PGID_DIR: pgidDir };
    const exitCode = await runNodeTest(files, env, tapFile);
    console.log(`UI tests finished with code ${exitCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const counts = countFromTap(tapFile);
    console.log(counts ? `${counts.passed} passed, ${counts.failed} failed` : '0 passed, 1 failed');
    return counts && counts.failed === 0 && counts.passed > 0 ? exitCode : exitCode || 1;
  } finally {
    const leftovers = killLeftoverCodeServers(pgidDir);
    if (leftovers) console.error(`killed ${leftovers} code-server process group(s) a test left behind`);
    fs.rmSync(extensionDirs.root, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error((err as Error).message);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
