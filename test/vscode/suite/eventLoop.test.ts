// Measure without disturbing (issue 10): a full-speed run without keep-alive, with the kernel diagnosis on, must not
// make the editor stutter. The load runs in worker threads and the kernel sampler in its own; what is left on the
// extension host's thread (progress, aggregation, the panel's messages) must keep its event-loop delay low.
// The server is a separate process, so that only our own work is measured on the extension host's loop.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import type { LoadTestApi } from '../../../src/extension/extensionApi';
import { thisThreadCpuMs } from '../../../src/engine/threadPriority';

const extensionId = `${manifest.publisher}.${manifest.name}`;
/** The editor feels a stall from ~50 ms (one dropped frame at 20 fps); the goal of issue 10. */
const P99_LIMIT_MS = 50;

/** A static-page Node server in its own process on a free loopback port. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const script = `
const page = Buffer.alloc(5312, 'x');
const server = require('http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
  res.end(page);
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => console.log(server.address().port));
setTimeout(() => process.exit(0), 120000).unref();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve({ child, url: `http://127.0.0.1:${Number(d.toString().trim())}/` }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

describe('extension host: a full-speed run does not stall the editor', function () {
  this.timeout(60_000);

  it(`keeps the event-loop delay at p99 < ${P99_LIMIT_MS} ms during a run without keep-alive, diagnosis on`, async () => {
    const api = (await vscode.extensions.getExtension(extensionId)!.activate()) as LoadTestApi;
    const { child, url } = await startServer();
    // The same measure over 2 s without a run, printed next to it: on a machine busy with other work the loop is
    // slow anyway, and a failure must show whether the run or the machine was the cause.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idle.disable();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    // When, in the run, the longest stalls happened: printed to tell a failure's cause (start, load, diagnosis).
    const stalls: Array<{ atMs: number; ms: number }> = [];
    const t0 = performance.now();
    let last = t0;
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - last > 40) stalls.push({ atMs: Math.round(last - t0), ms: Math.round(now - last - 10) });
      last = now;
    }, 10);
    let endedAt = 0;
    const cpuBefore = thisThreadCpuMs();
    try {
      delay.enable();
      const result = await api.runLoadTest({ url, connections: 50, durationMs: 5000, keepAlive: false });
      endedAt = Math.round(performance.now() - t0);
      delay.disable();
      clearInterval(ticker);
      const worst = stalls.sort((a, b) => b.ms - a.ms).slice(0, 5);
      const cpuAfter = thisThreadCpuMs();
      // The extension host thread's own CPU over the run: stalls much longer than it point at a machine busy elsewhere.
      const ownCpu = cpuBefore !== undefined && cpuAfter !== undefined ? `${cpuAfter - cpuBefore} ms` : 'unknown';
      console.log(`longest stalls (ms after the call, of ${endedAt}): ${worst.map((s) => `${s.ms} ms at ${s.atMs}`).join(', ') || 'none over 30 ms'}; the extension host thread's own CPU: ${ownCpu}`);
      const p99 = delay.percentile(99) / 1e6;
      const max = delay.max / 1e6;
      console.log(
        `event-loop delay during ${result.requests.ok} requests at ${Math.round(result.throughput.requestsPerSec)} req/s: ` +
          `p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms; ` +
          `${result.kernel?.samples.length ?? 0} kernel samples. Without a run: p99 ${(idle.percentile(99) / 1e6).toFixed(1)} ms, max ${(idle.max / 1e6).toFixed(1)} ms`,
      );
      // The run was real and at full speed: thousands of new connections, and the diagnosis sampled the kernel.
      assert.equal(result.options.keepAlive, false);
      assert.ok(result.requests.ok >= 1000, `only ${result.requests.ok} requests: not a full-speed run`);
      assert.ok(result.connections.opened >= result.requests.ok, 'a new connection per request');
      if (process.platform === 'linux') assert.ok((result.kernel?.samples.length ?? 0) >= 3, 'the kernel diagnosis sampled during the run');
      assert.ok(p99 < P99_LIMIT_MS, `event-loop delay p99 ${p99.toFixed(1)} ms (max ${max.toFixed(1)} ms)`);
    } finally {
      clearInterval(ticker);
      delay.disable();
      child.kill('SIGTERM');
    }
  });
});
