// macOS parsers on outputs written to the documented formats (not verified on a Mac), and the "not available"
// path for other systems.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNetstatLan, parseNetstatTcpStats } from '../../../src/diagnosis/macosProbe';
import { readKernelOverview, startDiagnosis } from '../../../src/diagnosis/diagnosisSession';
import { runResult } from './runResultFixture';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/proc', name), 'utf8');

test('macOS netstat -Lan: qlen/incqlen/maxqlen per listener', () => {
  const ls = parseNetstatLan(fixture('macos-netstat-Lan.txt'));
  assert.deepEqual(
    ls.map((l) => [l.address, l.port, l.queued, l.backlog, l.dualStack]),
    [
      ['127.0.0.1', 3000, 0, 128, false],
      ['*', 5173, 3, 128, true],
      ['::1', 8000, 0, 128, false],
      ['*', 22, 0, 128, false],
    ],
  );
});

test('macOS netstat -s -p tcp: listen queue overflows', () => {
  assert.deepEqual(parseNetstatTcpStats(fixture('macos-netstat-s-p-tcp.txt')), { ListenOverflows: 12 });
  assert.deepEqual(parseNetstatTcpStats('tcp:\n\t1 packet sent\n'), {});
});

test('elsewhere: a clear note, never a crash', async () => {
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { value: 'win32' });
  try {
    const session = await startDiagnosis({ host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'], connections: 10, keepAlive: true });
    assert.deepEqual(session.preflight, []);
    const { findings, kernel } = await session.finish(runResult());
    assert.deepEqual(findings, []);
    assert.equal(kernel.platform, 'win32');
    assert.ok(kernel.notes.some((n) => /not available on this OS \(win32\)/.test(n)));
    assert.equal(kernel.kernelLog.readable, false);
    const overview = await readKernelOverview(3000);
    assert.match(overview.notes[0], /not available on this OS/);
  } finally {
    Object.defineProperty(process, 'platform', real);
  }
});

test('macOS path, on whatever netstat and sysctl this machine has: the same readings, never a crash', async () => {
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  try {
    const session = await startDiagnosis({ host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'], connections: 10, keepAlive: true });
    const { kernel } = await session.finish(runResult());
    assert.equal(kernel.platform, 'darwin');
    assert.ok(kernel.notes.some((n) => /^macOS: no samples/.test(n)));
    assert.deepEqual(kernel.samples, []);
    assert.equal(kernel.kernelLog.readable, false);
    const overview = await readKernelOverview(3000);
    assert.ok(Array.isArray(overview.listeners) && Array.isArray(overview.notes));
  } finally {
    Object.defineProperty(process, 'platform', real);
  }
});
