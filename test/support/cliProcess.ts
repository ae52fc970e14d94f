// The CLI as a separate process, the way users and CI run it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The CLI from its sources, with load threads that load the sources too (cliFromSources.ts).
const entry = join(__dirname, 'cliFromSources.ts');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from the stop signal (if one was sent) to the exit. */
  afterSignalMs?: number;
}

/** Runs the CLI; `sendAfterLoadMs` sends `signal` that long after the CLI says the load started. */
export function cli(args: string[], options: { signal?: NodeJS.Signals; sendAfterLoadMs?: number; fdLimit?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const node = [process.execPath, '--import', 'tsx', entry, ...args];
    // `ulimit -n` in a child shell, as a user's shell or a container would have it.
    const child =
      options.fdLimit !== undefined
        ? spawn('bash', ['-c', `ulimit -n ${options.fdLimit} && exec "$@"`, 'bash', ...node], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(node[0], node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalledAt: number | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (options.signal && options.sendAfterLoadMs !== undefined && /Load-testing/.test(stderr)) {
        const wait = options.sendAfterLoadMs;
        options.sendAfterLoadMs = undefined;
        setTimeout(() => {
          signalledAt = Date.now();
          child.kill(options.signal);
        }, wait);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, afterSignalMs: signalledAt && Date.now() - signalledAt }));
  });
}

