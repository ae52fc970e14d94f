// The story the tool exists for: `ab -c 50 -n 1000` against a dev server with a small listen backlog dies with
// "apr_socket_recv: Connection reset by peer (104)" and loses every result; ours completes, accounts for every
// request, names the limit and gives the fix for that server (its own listen call, only the backlog changed).
//
// The reset comes when a request socket expires while the client retransmits its request, and the retransmission
// then fails the SYN-cookie check (kernel-tcp-facts.md, 4). net.ipv4.tcp_synack_retries=1 makes request sockets
// expire after ~3 s instead of ~60 s: the same path, reached within the test's time. The server spends 5 ms per
// request: at 2 ms a quiet machine keeps up well enough that ab finished 1000 requests in 6 of 6 runs; at 5 ms ab
// died with 104 in 3 of 3 (on a loaded machine 2 ms was enough).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResult } from '../../src/shared/result';
import { kernelTestSkipReason, withNetns } from '../kernel/netns';

const ROOT = join(__dirname, '../..');
const PORT = 8080;

function run(ns: string, command: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('ip', ['netns', 'exec', ns, ...command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

function abMissing(): string | undefined {
  return require('node:child_process').spawnSync('ab', ['-V']).error ? 'ab is not installed (apache2-utils)' : undefined;
}

test('seed story: ab dies with 104 on a backlog of 16; ours completes, accounts every request, names the limit and the fix', { skip: kernelTestSkipReason() ?? abMissing(), timeout: 120_000 }, async () => {
  await withNetns({ 'net.ipv4.tcp_synack_retries': 1 }, async (ns) => {
    const server = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', 'scripts/sampleDevServer.ts', '--port', String(PORT), '--backlog', '16', '--work-ms', '5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout!.once('data', () => resolve()); // it prints its port once it listens
        server.once('exit', (code) => reject(new Error(`sample dev server exited with ${code}`)));
      });
      const url = `http://127.0.0.1:${PORT}/`;
      // Whether a given run meets a reset depends on timing; on a loaded machine one run in several completes.
      // Up to 3 runs (measured on a quiet machine: 6 of 6 died with 104).
      let t = Date.now();
      let ab = { code: null as number | null, stdout: '', stderr: '' };
      for (let attempt = 1; attempt <= 3 && !/\(104\)/.test(ab.stderr); attempt++) {
        ab = await run(ns, ['ab', '-c', '50', '-n', '1000', url], 60_000);
        console.log(`[ab] run ${attempt}: exit ${ab.code} after ${Date.now() - t} ms: ${ab.stderr.trim().split('\n').pop()}`);
        t = Date.now();
      }
      assert.match(ab.stderr, /apr_socket_recv: Connection reset by peer \(104\)/, 'ab died with 104');
      assert.doesNotMatch(ab.stdout, /Complete requests/, 'and printed no results');

      t = Date.now();
      const ours = await run(ns, [process.execPath, '--import', 'tsx', 'test/support/cliFromSources.ts', url, '-c', '50', '-n', '1000', '--no-keepalive', '--json', '-', '-q'], 90_000);
      console.log(`[ours] ${Date.now() - t} ms`);
      assert.equal(ours.code, 0, ours.stderr);
      const result = JSON.parse(ours.stdout) as RunResult;
      const r = result.requests;
      assert.equal(r.started, 1000);
      assert.equal(r.ok + r.failed + r.inFlight, 1000, 'every request accounted for');
      assert.equal(result.stopReason, 'request-count');
      const finding = result.findings?.find((f) => f.id === 'accept-queue-overflow');
      assert.ok(finding, `accept-queue-overflow: ${result.findings?.map((f) => f.id).join(', ')}`);
      assert.match(finding.explanation, /listen\(\) backlog argument \(16\)/);
      const fix = finding.fixes[0]!;
      const source = readFileSync(join(ROOT, 'scripts/sampleDevServer.ts'), 'utf8');
      const call = /^server\.listen\([\s\S]*?^\}\);$/m.exec(source)![0];
      const line = source.slice(0, source.indexOf(call)).split('\n').length;
      assert.equal(fix.title, `Raise the backlog in scripts/sampleDevServer.ts:${line}`);
      assert.equal(fix.snippet, call.replace('backlog: Number(values.backlog)', 'backlog: 4096'), 'its own call (host and callback kept), only the backlog changed');
      console.log(`[ours] ${JSON.stringify(r)} errors=${JSON.stringify(result.errors.byCause)}\n${fix.title}\n${fix.snippet}`);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
