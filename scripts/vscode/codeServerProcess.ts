// Starts and stops code-server 4.100.3 (installed by scripts/vscode/install.sh) as a hermetic, loopback-only
// process: its own process group (so file watchers die with it), fresh dirs, no config file, no ~/.config writes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CodeServerDirs {
  /** Holds user-data, XDG dirs and the server log; deleted by `stop()` unless `keepDir` is set. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  dirs: CodeServerDirs;
  logPath: string;
  /** Kills the whole process group; safe to call twice. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

export function codeServerCacheDir(): string {
  return process.env.LTL_CACHE ?? path.join(os.homedir(), '.cache', 'load-test-localhost');
}

export function codeServerBinary(): string {
  const bin = process.env.LTL_CODE_SERVER ?? path.join(codeServerCacheDir(), 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}; run \`bash scripts/vscode/install.sh\` (or set LTL_CODE_SERVER)`);
  }
  return bin;
}

/** Fresh dirs under the temp dir. Pass `extensionsDir` to reuse one that already holds an installed .vsix. */
export function freshCodeServerDirs(extensionsDir?: string): CodeServerDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-code-server-'));
  const dirs = {
    root,
    userDataDir: path.join(root, 'user'),
    extensionsDir: extensionsDir ?? path.join(root, 'extensions'),
  };
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
  return dirs;
}

/** User settings that keep unrelated prompts and network lookups out of tests and screenshots. */
const quietSettings = {
  // The fixture lives inside this repo's git checkout; without this a "open the parent repository?" toast appears.
  'git.openRepositoryInParentFolders': 'never',
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/**
 * code-server writes logs under XDG dirs even with --user-data-dir; keep them inside our temp root. HOME too: what
 * the extension saves by default (exports go to ~/Downloads) must land in the test's folder, not the machine's.
 */
export function codeServerHome(dirs: CodeServerDirs): string {
  return path.join(dirs.root, 'home');
}

function hermeticEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  fs.mkdirSync(codeServerHome(dirs), { recursive: true });
  return {
    ...process.env,
    HOME: codeServerHome(dirs),
    XDG_CONFIG_HOME: path.join(dirs.root, 'xdg-config'),
    XDG_DATA_HOME: path.join(dirs.root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dirs.root, 'xdg-cache'),
  };
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--config', '/dev/null', '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** `code-server --install-extension x.vsix` into `dirs.extensionsDir` (offline: a file, never the marketplace). */
export function installExtension(dirs: CodeServerDirs, vsixPath: string): void {
  const result = spawnSync(codeServerBinary(), [...commonArgs(dirs), '--install-extension', vsixPath, '--force'], {
    env: hermeticEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`--install-extension ${vsixPath} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface StartOptions {
  dirs?: CodeServerDirs;
  /** Adds --disable-workspace-trust; leave off so tests see trust the way users do. */
  disableWorkspaceTrust?: boolean;
  startTimeoutMs?: number;
}

export async function startCodeServer(options: StartOptions = {}): Promise<RunningCodeServer> {
  const dirs = options.dirs ?? freshCodeServerDirs();
  const logPath = path.join(dirs.root, 'code-server.log');
  const log = fs.openSync(logPath, 'a');
  const args = [
    ...commonArgs(dirs),
    // Port 0: the kernel picks a free port, so parallel runs never collide; we read it back from the log.
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
  ];
  // detached = setsid(): code-server leads its own process group, which `stop()` kills as a whole.
  const child = spawn(codeServerBinary(), args, { env: hermeticEnv(dirs), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // already gone
    }
  };
  // Last resort if the runner dies without calling stop(): never leave a server behind.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  // A supervising runner (run-ui-tests.ts) sweeps groups still listed here if a test process is killed outright.
  const pgidFile = process.env.LTL_PGID_DIR ? path.join(process.env.LTL_PGID_DIR, String(pgid)) : undefined;
  if (pgidFile) fs.writeFileSync(pgidFile, `${logPath}\n`);

  let stopped = false;
  const stop = async (stopOptions: { keepDir?: boolean } = {}) => {
    if (!stopped) {
      stopped = true;
      process.off('exit', onExit);
      await killAndWait(child, killGroup);
      if (pgidFile) fs.rmSync(pgidFile, { force: true });
    }
    if (!stopOptions.keepDir) fs.rmSync(dirs.root, { recursive: true, force: true });
  };

  try {
    const port = await waitForListeningPort(child, logPath, options.startTimeoutMs ?? 30_000);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthy(url, 15_000);
    return { url, port, dirs, logPath, stop };
  } catch (err) {
    const logText = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : '';
    await stop();
    throw new Error(`${(err as Error).message}\n--- code-server log ---\n${logText}`);
  }
}

async function killAndWait(child: ChildProcess, killGroup: (signal: NodeJS.Signals) => void): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  killGroup('SIGTERM');
  const timer = setTimeout(() => killGroup('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
  // Children (watchers, extension host) may outlive the leader for a moment; make sure the group is gone.
  killGroup('SIGKILL');
}

async function waitForListeningPort(child: ChildProcess, logPath: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(logPath, 'utf8'));
    if (match) return Number(match[1]);
    await sleep(100);
  }
  throw new Error(`code-server did not listen within ${timeoutMs} ms`);
}

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not accepting yet
    }
    await sleep(100);
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Kills code-server groups recorded in `pgidDir` whose processes still run; returns how many it killed. */
export function killLeftoverCodeServers(pgidDir: string): number {
  let killed = 0;
  for (const name of fs.existsSync(pgidDir) ? fs.readdirSync(pgidDir) : []) {
    const pgid = Number(name);
    // Only a group whose leader is still code-server: never a reused pid.
    const cmdline = fs.existsSync(`/proc/${pgid}/cmdline`) ? fs.readFileSync(`/proc/${pgid}/cmdline`, 'utf8') : '';
    if (Number.isInteger(pgid) && pgid > 1 && cmdline.includes('code-server')) {
      try {
        process.kill(-pgid, 'SIGKILL');
        killed++;
      } catch {
        // exited meanwhile
      }
    }
    fs.rmSync(path.join(pgidDir, name), { force: true });
  }
  return killed;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
