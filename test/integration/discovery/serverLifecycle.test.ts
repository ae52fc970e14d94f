// Servers that come and go: waiting for a port, a server exiting during discovery, a port that stops listening
// before the target is handed out, and a started script that listens on a port nobody expected.
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import {
  discoverDevServers,
  probePort,
  recheckCandidate,
  waitForDevServer,
  waitForPort,
} from '../../../src/discovery/index';
import { makeTempDir, NODE_SERVER_SOURCE, startNodeServer } from './spawnedServers';

const linux = process.platform === 'linux';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function listenLater(port: number, host: string, delayMs: number): Promise<Server> {
  return new Promise((resolve) => setTimeout(() => {
    const server = createServer((s) => s.end());
    server.listen(port, host, () => resolve(server));
  }, delayMs));
}

describe('waitForPort', () => {
  it('is false when nothing listens before the timeout', async () => {
    const port = await freePort();
    const started = Date.now();
    assert.equal(await waitForPort(port, { timeoutMs: 600 }), false);
    assert.ok(Date.now() - started >= 500, 'returned before the timeout');
    assert.ok(Date.now() - started < 3000, 'overran the timeout');
  });

  it('is true once a server starts listening (IPv6 only, no host given)', async () => {
    const port = await freePort();
    const later = listenLater(port, '::1', 400);
    assert.equal(await waitForPort(port, { timeoutMs: 5000 }), true);
    (await later).close();
  });

  it('stops at once when aborted', async () => {
    const port = await freePort();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    assert.equal(await waitForPort(port, { timeoutMs: 10_000, signal: controller.signal }), false);
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses to probe a non-loopback host', async () => {
    await assert.rejects(waitForPort(80, { timeoutMs: 100, host: '192.0.2.1' }), /not a loopback/);
    await assert.rejects(probePort(80, 'example.com'), /not a loopback/);
  });
});

describe('servers that go away', { skip: !linux }, () => {
  const workspace = makeTempDir('ltl-ws-life-');
  after(() => workspace.remove());

  it('drops a server that exits during discovery, without crashing', async () => {
    // A server that closes and exits shortly after it starts, while discovery runs again and again.
    const server = await startNodeServer(workspace.dir, '127.0.0.1');
    const runs = Array.from({ length: 8 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() => discoverDevServers([workspace.dir])),
    );
    setTimeout(() => server.child.kill('SIGKILL'), 40);
    await Promise.all(runs); // rejects if one discovery threw
    await server.stop();
    const final = await discoverDevServers([workspace.dir]);
    assert.equal(final.candidates.find((c) => c.port === server.port), undefined);
  });

  it('recheck says a port stopped listening, and fixes the host of a localhost candidate', async () => {
    const server = await startNodeServer(workspace.dir, '::1');
    const found = (await discoverDevServers([workspace.dir])).candidates.find((c) => c.port === server.port);
    assert.ok(found);
    assert.equal((await recheckCandidate(found)).status, 'listening');
    const configured = { ...found, source: 'configured' as const, host: 'localhost', url: `http://localhost:${server.port}/a?b=1` };
    const fixed = await recheckCandidate(configured);
    assert.equal(fixed.candidate.url, `http://[::1]:${server.port}/a?b=1`);
    await server.stop();
    const gone = await recheckCandidate(found);
    assert.equal(gone.status, 'not-listening');
    assert.match(gone.message ?? '', new RegExp(`Port ${server.port} .*stopped listening`));
  });

  it('waitForDevServer finds what a started script listens on, even on an unexpected port', async () => {
    // Like `npm run dev`: a shell in the workspace whose child server picks its own port after a while.
    // The shell stays the parent (no exec): the server is found through its ancestry, not its port.
    const script = `sleep 0.5; ${JSON.stringify(process.execPath)} -e '${NODE_SERVER_SOURCE.replace(/'/g, "'\\''")}' 127.0.0.1 0 ''; true`;
    const shell = spawn('sh', ['-c', script], { cwd: workspace.dir, stdio: 'ignore', detached: true });
    try {
      const found = await waitForDevServer({ workspaceFolders: [workspace.dir], rootPid: shell.pid, expectedPort: 1, timeoutMs: 10_000, pollIntervalMs: 200 });
      assert.ok(found, 'no listener found');
      assert.equal(found.source, 'listening');
      assert.equal(await probePort(found.port, found.host), '127.0.0.1');
      assert.notEqual(found.pid, shell.pid, 'expected the server to be a child of the shell');
    } finally {
      process.kill(-shell.pid!, 'SIGTERM'); // the shell's process group: the shell and the server
    }
  });

  it('waitForDevServer gives up after its timeout', async () => {
    const started = Date.now();
    const found = await waitForDevServer({ workspaceFolders: [workspace.dir], expectedPort: await freePort(), timeoutMs: 700, pollIntervalMs: 200 });
    assert.equal(found, undefined);
    assert.ok(Date.now() - started < 3000);
  });
});
