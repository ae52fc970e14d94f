// The CLI without a URL: the dev server running from the current folder, found the way the extension finds it.
// Only running servers are targets; a dev script is started only with --start, and stopped after the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { discoverDevServers, preferredCandidate, waitForDevServer, type DevScript, type DiscoveryReport } from '../discovery';
import type { DevServerCandidate } from '../discovery/candidate';
import { printable } from '../shared/printableText';

/** A plain message for the user, printed as one line; `exitCode` 2 (usage) or 3 (nothing to load-test). */
export class TargetNotFound extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 3,
  ) {
    super(message);
  }
}

const START_TIMEOUT_MS = 60_000;

function describe(c: DevServerCandidate): string {
  return `${c.url} (${[c.framework, c.pid !== undefined ? `pid ${c.pid}` : undefined].filter(Boolean).join(', ') || 'server'})`;
}

/** The one running server of the folder, or the one on a port its configuration names. */
export function runningTarget(report: DiscoveryReport, folder: string, canStart: boolean): DevServerCandidate {
  const running = report.candidates.filter((c) => c.source === 'listening' && c.isLoopback);
  const chosen = preferredCandidate(running);
  if (chosen) return chosen;
  if (running.length > 1) {
    throw new TargetNotFound(`${running.length} dev servers run from ${folder}: give one URL (${running.map(describe).join(', ')})`, 2);
  }
  const script = report.startable[0];
  const hint = script ? (canStart ? '' : `; --start runs \`${printable(script.runCommand)}\``) : '; give its URL';
  throw new TargetNotFound(`No dev server is running from ${folder}${hint}`, 3);
}

export interface StartedServer {
  candidate: DevServerCandidate;
  /** Ends the script's process group; resolves once its shell exited (5 s at most). */
  stop(): Promise<void>;
}

function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // the shell and the server it started
  } catch {
    child.kill('SIGTERM');
  }
}

/** Runs the script in its own process group and waits until it listens (60 s at most). */
export async function startDevScript(script: DevScript, folder: string, log: (line: string) => void): Promise<StartedServer> {
  log(`Starting \`${printable(script.runCommand)}\` in ${script.cwd} (stopped after the run)...`);
  const child = spawn(script.runCommand, { cwd: script.cwd, shell: true, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let lastErr = '';
  child.stderr?.on('data', (d: Buffer) => (lastErr = (lastErr + d.toString()).slice(-400)));
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  const candidate = await waitForDevServer({
    workspaceFolders: [folder],
    rootPid: child.pid,
    expectedPort: script.expectedPort,
    timeoutMs: START_TIMEOUT_MS,
    signal: exited.signal,
  });
  if (!candidate) {
    stopGroup(child);
    const why = child.exitCode !== null ? `exited with ${child.exitCode}` : `did not listen within ${START_TIMEOUT_MS / 1000} s`;
    const said = printable(lastErr.trim().split('\n').pop() ?? '');
    throw new TargetNotFound(`\`${printable(script.runCommand)}\` ${why}${said ? `: ${said}` : ''}`, 3);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(resolve, 5000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      stopGroup(child);
    });
  return { candidate, stop };
}

export async function discoverIn(folder: string): Promise<DiscoveryReport> {
  return discoverDevServers([folder]);
}
