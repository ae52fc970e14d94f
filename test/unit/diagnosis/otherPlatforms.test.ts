// The "not available" path for systems other than Linux and macOS (macOS has its own tests: macos.test.ts and
// test/kernel/macosPipeline.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKernelOverview, startDiagnosis } from '../../../src/diagnosis/diagnosisSession';
import { runResult } from './runResultFixture';

test('elsewhere: a clear note and a "not checked" line, never a crash', async () => {
  const session = await startDiagnosis({ host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'], connections: 10, keepAlive: true }, { platform: 'win32' });
  assert.deepEqual(session.preflight, []);
  const { findings, kernel } = await session.finish(runResult());
  assert.deepEqual(findings, []);
  assert.equal(kernel.platform, 'win32');
  assert.ok(kernel.notes.some((n) => /not available on this OS \(win32\)/.test(n)));
  assert.deepEqual(kernel.blindSpots?.map((b) => b.id), ['platform']);
  assert.equal(kernel.kernelLog.readable, false);
  const overview = await readKernelOverview(3000, 'win32');
  assert.match(overview.notes[0], /not available on this OS/);
});
