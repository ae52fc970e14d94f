// Runs inside a network namespace the test created: starts the slow server, runs a bounded load test through the
// same pipeline as the CLI and the extension (runLoadTest), and prints {preflight, result} as one JSON line.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateLoad } from '../../src/engine/generateLoad';
import { runLoadTest } from '../../src/loadTest/runLoadTest';
import type { Finding } from '../../src/shared/findings';
import type { ScenarioOutput } from './netns';
import '../support/sourceLoadWorker';

interface ScenarioArgs {
  port: number;
  /** listen() backlog; 0 = Node's default (511). */
  backlog: number;
  busyMs: number;
  connections: number;
  requests?: number;
  durationMs: number;
  keepAlive: boolean;
  host?: string;
  /** Where the server listens (default 127.0.0.1). */
  serverHost?: string;
  /** node: test/kernel/slowServer.ts; python: `python3 -m http.server` (listen(5), threads). */
  server?: 'node' | 'python';
  /** slowServer mode: "client-closes" never closes first (client-side TIME-WAIT). */
  mode?: string;
  /** Lower this process's open-file limit once the server runs (the EMFILE scenario). */
  nofile?: number;
  /**
   * Another slow server in the same namespace, overloaded by its own load (no diagnosis) from before the run
   * starts until after it ends: the namespace-wide counters rise for a listener that is not the target.
   */
  other?: { port: number; backlog: number; busyMs: number; connections: number };
}

function startServer(a: Pick<ScenarioArgs, 'serverHost' | 'server' | 'port' | 'backlog' | 'busyMs' | 'mode'>) {
  const host = a.serverHost ?? '127.0.0.1';
  if (a.server === 'python') {
    return spawn('python3', ['-u', '-m', 'http.server', String(a.port), '--bind', host], { stdio: ['ignore', 'pipe', 'pipe'], cwd: __dirname });
  }
  return spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'slowServer.ts'), String(a.port), String(a.backlog), String(a.busyMs), host, a.mode ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves once the server prints its start line (Python prints "Serving HTTP on ..."). */
function started(server: ReturnType<typeof spawn>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('server did not start in 10 s')), 10_000);
    const onData = (d: Buffer) => /listening|Serving HTTP/.test(d.toString()) && (clearTimeout(t), resolve());
    server.stdout?.on('data', onData);
    server.stderr?.on('data', () => undefined);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2]) as ScenarioArgs;
  const server = startServer(a);
  try {
    await started(server);
    if (a.nofile) execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${a.nofile}`]);
    const other = a.other ? await overloadOther(a.other, a.durationMs + 2_000) : undefined;
    let preflight: Finding[] | undefined;
    const result = await runLoadTest(
      {
        url: `http://${a.host ?? '127.0.0.1'}:${a.port}/`,
        connections: a.connections,
        requests: a.requests,
        durationMs: a.durationMs,
        keepAlive: a.keepAlive,
        connectTimeoutMs: 10_000,
        responseTimeoutMs: 10_000,
        workers: 0,
        allowNonLoopback: false,
      },
      { signal: AbortSignal.timeout(a.durationMs + 8_000), kernelSampleIntervalMs: 250, onPreflight: (findings) => (preflight = findings) },
    );
    await other?.done;
    if (!preflight || !result.kernel) throw new Error(`the run never reached the target: ${result.stopMessage ?? ''}`);
    const output: ScenarioOutput = { preflight, result: { ...result, kernel: result.kernel } };
    process.stdout.write(JSON.stringify(output) + '\n');
  } finally {
    server.kill('SIGTERM');
  }
}

/** Starts the other server and its load; resolves once that load has reported progress (it is running). */
async function overloadOther(o: NonNullable<ScenarioArgs['other']>, durationMs: number) {
  const server = startServer({ port: o.port, backlog: o.backlog, busyMs: o.busyMs });
  await started(server);
  let running!: () => void;
  const isRunning = new Promise<void>((resolve) => (running = resolve));
  const done = generateLoad(
    { url: `http://127.0.0.1:${o.port}/`, connections: o.connections, durationMs, keepAlive: false, workers: 1, connectTimeoutMs: 10_000 },
    { onProgress: (p) => p.requests.started > 0 && running() },
  ).finally(() => server.kill('SIGTERM'));
  await Promise.race([isRunning, done]);
  return { done };
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`scenario failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
