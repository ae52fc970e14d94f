// startDiagnosis / readKernelOverview on this machine's real kernel: a real listener on loopback with a known
// backlog, real ss, real /proc. Counters here are host-wide, so only what this test controls is asserted.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { test } from 'node:test';
import { readKernelOverview, startDiagnosis } from '../../../src/diagnosis/diagnosisSession';
import type { KernelSample } from '../../../src/shared/findings';
import { runResult } from '../../unit/diagnosis/runResultFixture';
// The sampler runs in its own thread, as in the product (from the sources, through tsx).
import '../../support/sourceLoadWorker';

const linux = process.platform === 'linux' ? undefined : 'reads /proc and ss: Linux only';

function listen(backlog: number, host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer((s) => s.destroy());
    server.once('error', reject);
    server.listen({ port: 0, host, backlog }, () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

test('reads the real listener (backlog 7), warns before the run, samples, and reports after', { skip: linux, timeout: 15_000 }, async () => {
  const { server, port } = await listen(7, '127.0.0.1');
  try {
    const samples: KernelSample[] = [];
    let sampledTwice!: () => void;
    const twoSamples = new Promise<void>((resolve) => (sampledTwice = resolve));
    const session = await startDiagnosis(
      { host: 'localhost', port, addresses: ['::1', '127.0.0.1'], connections: 50, keepAlive: false },
      { sampleIntervalMs: 250, onSample: (s) => samples.push(s) === 2 && sampledTwice() },
    );
    const pre = session.preflight.map((f) => f.id).sort();
    assert.deepEqual(pre, ['backlog-below-concurrency', 'localhost-family-mismatch']);
    const backlogWarning = session.preflight.find((f) => f.id === 'backlog-below-concurrency')!;
    assert.ok(backlogWarning.evidence.some((e) => e.source === 'ss -ltn Send-Q' && e.value === 7));
    await twoSamples; // the sampler runs during the load (the test times out otherwise)
    const { findings, kernel } = await session.finish(runResult({ connections: 50 }));
    assert.deepEqual(samples[0].acceptQueue, { length: 0, capacity: 7 });
    assert.ok(samples.every((s, i) => i === 0 || s.tMs > samples[i - 1].tMs));
    assert.equal(kernel.listeners.length, 1);
    assert.equal(kernel.listeners[0].backlog, 7);
    assert.equal(kernel.listeners[0].pid, process.pid, 'ss -p names this process');
    assert.equal(kernel.settings['net.core.somaxconn'], (await import('node:fs')).readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
    assert.ok('ListenOverflows' in kernel.counterDeltas);
    // The sampler's thread reports its own CPU, and tells its start-up (before the load) apart from the run.
    assert.equal(typeof kernel.samplerCpuMs, 'number');
    assert.equal(typeof kernel.samplerStartupCpuMs, 'number');
    assert.ok(kernel.samplerStartupCpuMs! <= kernel.samplerCpuMs!, `${kernel.samplerStartupCpuMs} <= ${kernel.samplerCpuMs}`);
    assert.equal(typeof kernel.kernelLog.readable, 'boolean');
    if (!kernel.kernelLog.readable) assert.ok(kernel.kernelLog.reason);
    // The synthetic run had no trouble: the preflight warnings drop to info.
    assert.ok(findings.every((f) => f.severity === 'info'), JSON.stringify(findings.map((f) => [f.id, f.severity])));
  } finally {
    server.close();
  }
});

test('readKernelOverview: settings and the listener for a port', { skip: linux }, async () => {
  const { server, port } = await listen(9, '::1');
  try {
    const o = await readKernelOverview(port);
    assert.ok(o.settings['net.core.somaxconn']);
    assert.ok(o.settings['net.ipv4.ip_local_port_range']?.includes(' '));
    assert.deepEqual(o.listeners.map((l) => [l.address, l.backlog]), [['::1', 9]]);
  } finally {
    server.close();
  }
});

test('a target where nothing listens: no crash, a no-listener warning', { skip: linux }, async () => {
  const { server, port } = await listen(1, '127.0.0.1');
  await new Promise((r) => server.close(r));
  const session = await startDiagnosis({ host: '127.0.0.1', port, addresses: ['127.0.0.1'], connections: 1, keepAlive: true });
  assert.deepEqual(session.preflight.map((f) => f.id), ['no-listener']);
  const { findings } = await session.finish(runResult({ errors: { ECONNREFUSED: 1 } }));
  assert.deepEqual(findings.map((f) => [f.id, f.severity]), [['no-listener', 'error']]);
});
