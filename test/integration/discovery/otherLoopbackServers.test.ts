// An empty folder: nothing of the workspace runs or is configured, so discovery offers the loopback servers
// already running elsewhere on the machine (real servers, real /proc), and none when the workspace has its own.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { discoverDevServers } from '../../../src/discovery/index';
import { makeTempDir, NODE_SERVER_SOURCE, startNodeServer, type SpawnedServer } from './spawnedServers';

describe('discovery in an empty folder (Linux /proc)', { skip: process.platform !== 'linux' }, () => {
  const empty = makeTempDir('ltl-empty-');
  const elsewhere = makeTempDir('ltl-elsewhere-');
  const workspace = makeTempDir('ltl-busy-ws-');
  let outside: SpawnedServer;
  let inside: SpawnedServer;

  before(async () => {
    outside = await startNodeServer(elsewhere.dir, '127.0.0.1');
    writeFileSync(path.join(workspace.dir, 'server.js'), NODE_SERVER_SOURCE);
    inside = await startNodeServer(workspace.dir, '127.0.0.1', { scriptPath: path.join(workspace.dir, 'server.js') });
  });

  after(async () => {
    await Promise.all([outside?.stop(), inside?.stop()]);
    empty.remove();
    elsewhere.remove();
    workspace.remove();
  });

  it('offers a loopback server running outside the workspace, with its process, when the folder names none', async () => {
    const report = await discoverDevServers([empty.dir], { path: '/health' });
    assert.deepEqual(report.candidates, []);
    const offered = report.otherServers.find((c) => c.port === outside.port);
    assert.ok(offered, `port ${outside.port} not offered: ${report.otherServers.map((c) => c.port).join(', ')}`);
    assert.equal(offered.url, `http://127.0.0.1:${outside.port}/health`);
    assert.equal(offered.pid, outside.pid);
    assert.equal(offered.insideWorkspace, false);
    assert.match(offered.detail, new RegExp(`pid ${outside.pid} · in ${elsewhere.dir}`));
    // Never this process's own sockets, and the list is sorted by port.
    const ports = report.otherServers.map((c) => c.port);
    assert.deepEqual(ports, [...ports].sort((a, b) => a - b));
  });

  it('looks for no other server when the workspace has its own running', async () => {
    const report = await discoverDevServers([workspace.dir]);
    assert.ok(report.candidates.some((c) => c.port === inside.port));
    assert.deepEqual(report.otherServers, []);
  });
});
