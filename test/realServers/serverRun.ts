// Runs inside a network namespace the test made: starts one real dev server in its project folder, waits until it
// listens, runs discovery (as the extension and the CLI do), then the whole load-test pipeline against it, stops
// the server's process group and prints one JSON line: {discovered, listeners, result}.
import { execFileSync, spawn } from 'node:child_process';
import { discoverDevServers, waitForPort } from '../../src/discovery';
import { runLoadTest } from '../../src/loadTest/runLoadTest';
import '../support/sourceLoadWorker';
import { parseSsListen } from '../../src/system/ssListen';

export interface ServerRunArgs {
  command: string[];
  cwd: string;
  port: number;
  /** No load: only start, discover and read the listener (e.g. to check that a fix took). */
  load?: { connections: number; durationMs: number };
  /** A path to GET once the server listens: its status is reported (what a fix must not break). */
  get?: string;
}

function listenersOn(port: number) {
  return parseSsListen(execFileSync('ss', ['-ltn'], { encoding: 'utf8' })).filter((l) => l.port === port);
}

async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2]!) as ServerRunArgs;
  const server = spawn(a.command[0]!, a.command.slice(1), { cwd: a.cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let serverErr = '';
  server.stderr!.on('data', (d: Buffer) => (serverErr = (serverErr + d.toString()).slice(-2000)));
  const exited = new AbortController();
  server.once('exit', () => exited.abort());
  try {
    // Hugo and Jekyll build the site first, Vite optimises: 30 s covers a slow CI machine.
    if (!(await waitForPort(a.port, { timeoutMs: 30_000, signal: exited.signal, host: '127.0.0.1' }))) {
      throw new Error(`${a.command.join(' ')} did not listen on ${a.port} (exit ${server.exitCode}): ${serverErr}`);
    }
    const discovered = await discoverDevServers([a.cwd]);
    const listeners = listenersOn(a.port);
    const getStatus = a.get ? (await fetch(`http://127.0.0.1:${a.port}${a.get}`, { signal: AbortSignal.timeout(10_000) })).status : undefined;
    const result = a.load
      ? await runLoadTest(
          {
            url: `http://127.0.0.1:${a.port}/`,
            connections: a.load.connections,
            durationMs: a.load.durationMs,
            keepAlive: false,
            connectTimeoutMs: 10_000,
            responseTimeoutMs: 10_000,
            allowNonLoopback: false,
          },
          { signal: AbortSignal.timeout(a.load.durationMs + 15_000) },
        )
      : undefined;
    process.stdout.write(`${JSON.stringify({ discovered, listeners, result, getStatus })}\n`);
  } finally {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`server run failed: ${err.stack}\n`);
    process.exit(1);
  },
);
