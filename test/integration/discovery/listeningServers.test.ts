// Real servers on loopback, in and out of a temporary workspace: discovery keeps exactly the workspace's ones
// and picks a host each socket actually accepts.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { request } from 'node:http';
import { discoverDevServers } from '../../../src/discovery/index';
import type { DevServerCandidate } from '../../../src/discovery/index';
import {
  makeTempDir,
  NODE_SERVER_SOURCE,
  startNodeServer,
  startPythonServer,
  startServerViaLauncher,
  type SpawnedServer,
} from './spawnedServers';

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('discovery of listening servers (Linux /proc)', { skip: process.platform !== 'linux' }, () => {
  const workspace = makeTempDir('ltl-ws-');
  const outside = makeTempDir('ltl-outside-');
  const servers: Record<string, SpawnedServer> = {};
  let launcherServerPid = 0;
  let candidates: DevServerCandidate[] = [];

  before(async () => {
    writeFileSync(path.join(workspace.dir, 'server.js'), NODE_SERVER_SOURCE);
    servers.nodeV4 = await startNodeServer(workspace.dir, '127.0.0.1', { backlog: 37 });
    servers.nodeWildcard = await startNodeServer(workspace.dir, '0.0.0.0');
    servers.pythonV6 = await startPythonServer(workspace.dir, '::1');
    servers.pythonDual = await startPythonServer(workspace.dir, '::');
    // cwd outside, but the script path on the command line is inside the workspace.
    servers.byScriptPath = await startNodeServer(outside.dir, '127.0.0.1', { scriptPath: path.join(workspace.dir, 'server.js') });
    const launched = await startServerViaLauncher(workspace.dir, outside.dir);
    servers.byAncestor = launched;
    launcherServerPid = launched.serverPid;
    servers.outside = await startNodeServer(outside.dir, '127.0.0.1');
    candidates = (await discoverDevServers([workspace.dir], { path: '/health' })).candidates;
  });

  after(async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    workspace.remove();
    outside.remove();
  });

  const byPort = (port: number) => candidates.find((c) => c.port === port);

  it('keeps a node server on 127.0.0.1 with its pid, framework, backlog and an IPv4 URL', () => {
    const c = byPort(servers.nodeV4!.port);
    assert.ok(c, 'node server in the workspace not found');
    assert.equal(c.source, 'listening');
    assert.equal(c.pid, servers.nodeV4!.pid);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.url, `http://127.0.0.1:${servers.nodeV4!.port}/health`);
    assert.equal(c.framework, 'node');
    assert.equal(c.cwd, workspace.dir);
    assert.equal(c.insideWorkspace, true);
    assert.equal(c.isLoopback, true);
    assert.match(c.commandLine ?? '', /node/);
  });

  it('reads the effective backlog from ss (min of listen() argument and somaxconn)', async () => {
    const somaxconn = Number((await import('node:fs')).readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    assert.equal(byPort(servers.nodeV4!.port)?.backlog, Math.min(37, somaxconn));
  });

  it('uses 127.0.0.1 for 0.0.0.0, [::1] for an IPv6-only socket, 127.0.0.1 for a dual-stack ::', () => {
    assert.equal(byPort(servers.nodeWildcard!.port)?.host, '127.0.0.1');
    const v6 = byPort(servers.pythonV6!.port);
    assert.equal(v6?.host, '[::1]');
    assert.equal(v6?.framework, 'python-http.server');
    assert.equal(byPort(servers.pythonDual!.port)?.host, '127.0.0.1');
  });

  it('hands out URLs that really answer', async () => {
    for (const key of ['nodeV4', 'nodeWildcard', 'pythonV6', 'pythonDual'] as const) {
      const c = byPort(servers[key]!.port)!;
      const base = c.url.replace(/\/health$/, '/');
      assert.equal(await get(base), 200, `${key} at ${base}`);
    }
  });

  it('keeps a server started with a script path inside the workspace', () => {
    const c = byPort(servers.byScriptPath!.port);
    assert.ok(c, 'server started as `node <workspace>/server.js` not found');
    assert.equal(c.cwd, outside.dir);
  });

  it('keeps a server whose parent process runs in the workspace', () => {
    const c = byPort(servers.byAncestor!.port);
    assert.ok(c, 'server started by a launcher in the workspace not found');
    assert.equal(c.pid, launcherServerPid);
    assert.match(c.detail, /started from pid/);
  });

  it('does not pick a server running outside the workspace', () => {
    assert.equal(byPort(servers.outside!.port), undefined);
  });

  it('ranks listening servers first', () => {
    const firstNonListening = candidates.findIndex((c) => c.source !== 'listening');
    const lastListening = candidates.map((c) => c.source).lastIndexOf('listening');
    assert.ok(firstNonListening === -1 || lastListening < firstNonListening);
  });
});
