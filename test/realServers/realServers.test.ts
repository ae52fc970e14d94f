// Real dev servers, as their users run them, each in a private network namespace (own counters, own somaxconn):
// discovery while stopped and while running, one run that overflows the accept queue, the finding that names the
// right limit, and the fix in that server's own terms (never a Node snippet for a server that is not Node).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { recognizeServer } from '../../src/diagnosis/serverBacklogDefaults';
import type { DiscoveryReport } from '../../src/discovery';
import { discoverDevServers } from '../../src/discovery';
import type { Finding, Fix } from '../../src/shared/findings';
import type { RunResult } from '../../src/shared/result';
import type { SsListener } from '../../src/system/ssListen';
import { kernelTestSkipReason, runJsonScriptInNetns, withNetns } from '../kernel/netns';
import { DEV_SERVERS, type DevServer } from './devServers';
import type { ServerRunArgs } from './serverRun';

const NODE_SNIPPET = /\.listen\(\{|server\.listen\(|backlog: \d/;

interface ServerRunOutput {
  discovered: DiscoveryReport;
  listeners: SsListener[];
  result?: RunResult;
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
function runInNamespace(ns: string, args: ServerRunArgs, timeoutMs = 60_000): Promise<ServerRunOutput> {
  return runJsonScriptInNetns<ServerRunOutput>(ns, join(__dirname, 'serverRun.ts'), args, timeoutMs);
}

function project(server: DevServer): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-real-')));
  server.make(folder);
  return folder;
}

function describeFixes(fixes: Fix[]): string {
  return fixes.map((f) => `[${f.kind}] ${f.title}${f.command ? ` $ ${f.command}` : ''}${f.snippet ? `\n${f.snippet}` : ''}`).join('\n');
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

const skipAll = kernelTestSkipReason();

for (const server of DEV_SERVERS) {
  test(`${server.name}: discovered stopped and running; an overflow named with its limit and fixed in its own terms`, { skip: skipAll ?? missing(server.needs), timeout: 90_000 }, async () => {
    const folder = project(server);
    try {
      const stopped = await discoverDevServers([folder]);
      const script = stopped.startable.find((s) => s.framework === server.stopped.framework);
      assert.ok(script, `stopped: offers to start ${server.stopped.framework}: ${JSON.stringify(stopped.startable)}`);
      assert.deepEqual([script.runCommand, script.expectedPort], [server.stopped.runCommand, server.stopped.port]);

      const out = await withNetns(server.sysctls, (ns) =>
        runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port, load: { connections: server.connections, durationMs: 2500 } }),
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
      console.log(`[${server.name}] overflows=${overflows} requests=${JSON.stringify(r)}\n${describeFixes(finding.fixes)}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

/** Applies a snippet the advice gave and reads the listener again: the fix must really raise the backlog. */
test('the Node fixes take: Express with the edited listen call, Vite with the plugin, both listen with 4096', { skip: skipAll, timeout: 90_000 }, async () => {
  for (const name of ['Express', 'Vite']) {
    const server = DEV_SERVERS.find((s) => s.name.startsWith(name))!;
    const folder = project(server);
    try {
      const sysctls = { 'net.core.somaxconn': 65535 };
      const before = await withNetns(sysctls, (ns) =>
        runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port, load: { connections: 50, durationMs: 500 } }),
      );
      const fix = before.result?.findings?.flatMap((f) => f.fixes).find((f) => f.kind === 'code');
      if (name === 'Express') {
        assert.equal(before.listeners[0]?.backlog, 8);
        assert.ok(fix?.snippet, `a snippet: ${JSON.stringify(before.result?.findings)}`);
        const file = join(folder, 'server.js');
        const lines = readFileSync(file, 'utf8').split('\n');
        lines[4] = fix.snippet; // server.js:5, as the fix's title says
        writeFileSync(file, lines.join('\n'));
      } else {
        // 50 connections against Vite's 511: no finding, so take the snippet the advice gives for 300.
        const argv = server.command(folder);
        const snippet = recognizeServer(argv)!.fix({ backlog: 4096, port: server.port, server: { argv } }).snippet!;
        assert.equal(before.listeners[0]?.backlog, 511);
        writeFileSync(join(folder, 'vite.config.mjs'), `export default {\n${snippet.replace(/^plugins/, '  plugins')},\n};\n`);
      }
      const after = await withNetns(sysctls, (ns) => runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port }));
      assert.equal(after.listeners[0]?.backlog, 4096, `${name} listens with the backlog the fix set`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
});
