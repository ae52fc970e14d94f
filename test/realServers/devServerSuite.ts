// What every real dev server is put through, each in a private network namespace (own counters, own somaxconn):
// discovery while stopped and while running, one run that overflows the accept queue, the finding that names the
// right limit, and the fix in that server's own terms (never a Node snippet for a server that is not Node).
// The servers are split over a few test files so that each file stays well within the runner's time per file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DiscoveryReport } from '../../src/discovery';
import { discoverDevServers } from '../../src/discovery';
import type { Finding, Fix } from '../../src/shared/findings';
import type { RunResult } from '../../src/shared/result';
import type { SsListener } from '../../src/system/ssListen';
import { kernelTestSkipReason, runJsonScriptInNetns, withNetns } from '../kernel/netns';
import type { DevServer } from './devServers';
import type { ServerRunArgs } from './serverRun';

const NODE_SNIPPET = /\.listen\(\{|server\.listen\(|backlog: \d/;

export interface ServerRunOutput {
  discovered: DiscoveryReport;
  listeners: SsListener[];
  result?: RunResult;
  getStatus?: number;
}

function missing(names: string[]): string | undefined {
  for (const name of names) {
    try {
      execFileSync('sh', ['-c', `command -v "$1"`, 'sh', name], { stdio: 'ignore' });
    } catch {
      return `${name} is not installed (scripts/install-test-deps.sh installs it)`;
    }
  }
  return undefined;
}

/** Runs test/realServers/serverRun.ts in the namespace. */
export function runInNamespace(ns: string, args: ServerRunArgs, timeoutMs = 60_000): Promise<ServerRunOutput> {
  return runJsonScriptInNetns<ServerRunOutput>(ns, join(__dirname, 'serverRun.ts'), args, timeoutMs);
}

export function project(server: DevServer): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-real-')));
  server.make(folder);
  return folder;
}

function describeFixes(fixes: Fix[]): string {
  return fixes.map((f) => `[${f.kind}] ${f.title}${f.command ? ` $ ${f.command}` : ''}${f.snippet ? `\n${f.snippet}` : ''}`).join('\n');
}

/** The server's own fix, pasted as shown, then the server started again with somaxconn 4096: ss reads 4096. */
async function checkFixTakes(server: DevServer, folder: string, fix: Fix): Promise<void> {
  server.applyFix!(folder, fix);
  const out = await withNetns({ 'net.core.somaxconn': 4096 }, (ns) =>
    runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port, get: server.stillServes }),
  );
  assert.equal(out.listeners[0]?.backlog, 4096, `ss Send-Q after the fix was applied:\n${fix.snippet}`);
  if (server.stillServes) assert.equal(out.getStatus, 200, `${server.stillServes} after the fix`);
}

function checkAdvice(server: DevServer, finding: Finding): void {
  const fixes = finding.fixes;
  const shown = describeFixes(fixes);
  if (server.language !== 'node') {
    for (const f of fixes) assert.doesNotMatch(f.snippet ?? '', NODE_SNIPPET, `no Node snippet for ${server.name}:\n${shown}`);
  }
  if (server.fix.onlySysctl) {
    assert.deepEqual(fixes.map((f) => f.kind), ['command', 'advice'], `only the sysctl (then "accept faster"):\n${shown}`);
    assert.equal(fixes[0]!.command, 'sudo sysctl -w net.core.somaxconn=4096');
    return;
  }
  const own = fixes.find((f) => f.kind === 'code' || f.kind === 'config');
  assert.ok(own, `a fix in the server's own terms:\n${shown}`);
  if (server.fix.snippet) assert.match(own.snippet ?? '', server.fix.snippet, shown);
  if (server.fix.title) assert.match(own.title, server.fix.title, shown);
}

export const skipAll = kernelTestSkipReason();

/** Registers the test of one server. */
export function testDevServer(server: DevServer): void {
  test(`${server.name}: discovered stopped and running; an overflow named with its limit and fixed in its own terms`, { skip: skipAll ?? missing(server.needs), timeout: 90_000 }, async () => {
    const folder = project(server);
    try {
      const stopped = await discoverDevServers([folder]);
      const script = stopped.startable.find((s) => s.framework === server.stopped.framework);
      assert.ok(script, `stopped: offers to start ${server.stopped.framework}: ${JSON.stringify(stopped.startable)}`);
      assert.deepEqual([script.runCommand, script.expectedPort], [server.stopped.runCommand, server.stopped.port]);

      const out = await withNetns(server.sysctls, (ns) =>
        runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port, load: { connections: server.connections, durationMs: 2000 } }),
      );
      const running = out.discovered.candidates.find((c) => c.source === 'listening' && c.port === server.port);
      assert.ok(running, `running: found on ${server.port}: ${JSON.stringify(out.discovered.candidates)}`);
      assert.equal(running.framework, server.framework);
      assert.equal(out.listeners[0]?.backlog, server.capacity, 'ss Send-Q');
      assert.equal(running.backlog, server.capacity);

      const result = out.result!;
      const r = result.requests;
      assert.equal(r.started, r.ok + r.failed + r.inFlight, 'every request accounted for');
      assert.ok(r.ok > 0);
      const overflows = result.kernel?.counterDeltas.ListenOverflows ?? 0;
      assert.ok(overflows > 0, `the accept queue overflowed: ${JSON.stringify(result.kernel?.counterDeltas)}`);
      const finding = result.findings?.find((f) => f.id === 'accept-queue-overflow');
      assert.ok(finding, `accept-queue-overflow finding: ${result.findings?.map((f) => f.id).join(', ')}`);
      assert.match(finding.explanation, server.limit);
      checkAdvice(server, finding);
      if (server.applyFix) await checkFixTakes(server, folder, finding.fixes.find((f) => f.kind === 'code' || f.kind === 'config')!);
      console.log(`[${server.name}] overflows=${overflows} requests=${JSON.stringify(r)}\n${describeFixes(finding.fixes)}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

