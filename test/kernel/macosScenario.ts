// Runs inside a network namespace the test created, with test/fixtures/macos-tools first on PATH: the macOS path
// of the whole pipeline on a real loopback run. Discovery (lsof, ps), preflight (sysctl, netstat -L), the run with
// the accept queue sampled (netstat -L, netstat -s) and the findings. Prints one JSON line on stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { discoverDevServers } from '../../src/discovery';
import type { Finding, KernelSample } from '../../src/shared/findings';
import { runLoadTest } from '../../src/loadTest/runLoadTest';
import '../support/sourceLoadWorker';

async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-mac-')));
  // Node's default backlog (511), clamped by the namespace's somaxconn as macOS clamps it to kern.ipc.somaxconn.
  // The server runs from the workspace folder (discovery matches it by its cwd), so tsx is named by its path.
  const server = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'slowServer.ts'), String(port), '0', '20', '127.0.0.1'], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('server did not start in 10 s')), 10_000);
      server.stdout.on('data', (d: Buffer) => /listening/.test(d.toString()) && (clearTimeout(t), resolve()));
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const discovery = await discoverDevServers([workspace], { platform: 'darwin' });
    const candidate = discovery.candidates.find((c) => c.port === port);
    if (!candidate) throw new Error(`discovery missed port ${port}: ${JSON.stringify(discovery)}`);
    let preflight: Finding[] = [];
    const samples: KernelSample[] = [];
    const result = await runLoadTest(
      { url: candidate.url, connections: 50, durationMs: 3000, keepAlive: false, connectTimeoutMs: 10_000, responseTimeoutMs: 10_000, workers: 0, allowNonLoopback: false },
      { platform: 'darwin', signal: AbortSignal.timeout(12_000), onPreflight: (f) => (preflight = f), onKernelSample: (s) => samples.push(s) },
    );
    process.stdout.write(JSON.stringify({ serverPid: server.pid, workspace, candidate, discoveryNotes: discovery.notes, preflight, samples, result }) + '\n');
  } finally {
    server.kill('SIGTERM');
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`macOS scenario failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
