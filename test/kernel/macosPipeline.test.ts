// The macOS path end to end on a real loopback run. macOS's tools are stood in for by scripts that print Apple's
// own formats (test/fixtures/macos-tools: netstat -L / -s as network_cmds' inet.c prints them, sysctl -n, lsof -F
// as lsof(8) documents it) filled with this kernel's real numbers; the platform is set to darwin through the
// pipeline's own option, in a child process in a private network namespace (somaxconn 8, like macOS's 128 scaled
// down), so nothing leaks into other tests.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DevServerCandidate } from '../../src/discovery/candidate';
import type { Finding, KernelSample } from '../../src/shared/findings';
import type { RunResult } from '../../src/shared/result';
import { kernelTestSkipReason, withNetns } from './netns';

interface MacScenario {
  serverPid: number;
  workspace: string;
  candidate: DevServerCandidate;
  preflight: Finding[];
  samples: KernelSample[];
  result: RunResult;
}

const TOOLS = join(__dirname, '../fixtures/macos-tools');

function runMacScenario(ns: string, port: number): Promise<MacScenario> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', join(__dirname, 'macosScenario.ts'), String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${TOOLS}:${process.env.PATH ?? ''}` },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`macOS scenario exited ${code}: ${err.slice(-3000)}`));
      resolve(JSON.parse(line) as MacScenario);
    });
  });
}

test('macOS path: discovery, preflight, run, sampling and findings through Apple-format tools', { skip: kernelTestSkipReason(), timeout: 60_000 }, async () => {
  const port = randomInt(20000, 60000);
  const o = await withNetns({ 'net.core.somaxconn': 8 }, (ns) => runMacScenario(ns, port));
  const queue = o.samples.map((s) => s.acceptQueue && `${s.acceptQueue.length}/${s.acceptQueue.capacity}`);
  console.log(`[macOS] candidate=${o.candidate.url} pid=${o.candidate.pid} preflight=${o.preflight.map((f) => f.id)} samples=${o.samples.length} queue=${queue.join(' ')} deltas=${JSON.stringify(o.result.kernel?.counterDeltas)} findings=${o.result.findings.map((f) => `${f.id}:${f.severity}`)} requests=${JSON.stringify(o.result.requests)}`);

  // Discovery: lsof -F found the listener and its process, ps + lsof's fcwd put it in the workspace.
  assert.equal(o.candidate.source, 'listening');
  assert.equal(o.candidate.pid, o.serverPid);
  assert.equal(o.candidate.cwd, o.workspace);
  assert.equal(o.candidate.insideWorkspace, true);
  assert.equal(o.candidate.backlog, 8, 'the backlog from netstat -L (qlimit)');

  // Preflight: netstat -L's qlimit (8) against 50 connections, in macOS's terms.
  const pre = o.preflight.find((f) => f.id === 'backlog-below-concurrency');
  assert.ok(pre, `preflight warning, got ${o.preflight.map((f) => f.id)}`);
  assert.ok(pre.evidence.some((e) => e.value === 8 && e.source === 'netstat -Lan -p tcp (qlimit)'));
  assert.ok(pre.evidence.some((e) => e.label === 'kern.ipc.somaxconn' && e.value === '8'));

  // Sampling during the run: netstat -L's qlen against its qlimit, and netstat -s's overflows.
  assert.ok(o.samples.length >= 2, `sampled during the 3 s run (every 500 ms), got ${o.samples.length}`);
  assert.ok(o.samples.every((s) => s.acceptQueue?.capacity === 8));
  const longest = Math.max(...o.samples.map((s) => s.acceptQueue?.length ?? 0));
  assert.ok(longest >= 1, 'the queue was seen filling');
  assert.deepEqual(o.result.kernel?.samples.length, o.samples.length, 'the same samples reach the result');

  // Findings: the accept-queue overflow names kern.ipc.somaxconn as the limit and gives the macOS fix.
  const f = o.result.findings.find((x) => x.id === 'accept-queue-overflow');
  assert.ok(f, `accept-queue-overflow, got ${o.result.findings.map((x) => x.id)}`);
  assert.match(f.explanation, /The limit is kern\.ipc\.somaxconn \(8\)/);
  const overflows = f.evidence.find((e) => e.label === 'ListenOverflows');
  assert.equal(overflows?.value, o.result.kernel?.counterDeltas.ListenOverflows);
  assert.ok(Number(overflows?.value) > 0);
  assert.match(overflows?.source ?? '', /^netstat -s -p tcp "listen queue overflows"/);
  assert.equal(f.fixes[0].command, 'sudo sysctl -w kern.ipc.somaxconn=4096');
  assert.match(f.fixes[0].detail ?? '', /forgets this at the next restart/);
  assert.ok(f.evidence.some((e) => e.label === 'Longest accept queue seen' && e.value === `${longest}/8`));
  assert.doesNotMatch(JSON.stringify(o.result.findings), /net\.core|\/proc\/|ss -ltn/, 'nothing Linux-only is said');

  // What macOS cannot show is said, so the report never claims a clean bill for it.
  assert.deepEqual(o.result.kernel?.blindSpots?.map((b) => b.id), ['syn-queue', 'kernel-log']);
});
