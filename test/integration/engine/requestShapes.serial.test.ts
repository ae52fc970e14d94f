// What the server receives, and connection reuse, for both HTTP clients: the lean sockets and undici. Serial: the
// idle keep-alive test races a server that closes 10 ms after each response, which a busy CPU turns into resets.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { generateLoad } from '../../../src/engine/generateLoad';
import '../../support/sourceLoadWorker';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real server that records every request it gets; `closeIdleAfterMs` closes each connection that long after a response. */
async function recordingServer(closeIdleAfterMs?: number) {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.setHeader('content-length', 4);
      res.end(req.method === 'HEAD' ? undefined : 'done');
      // Like a server's idle timeout (Node's own waits at least a second): a FIN without `Connection: close`.
      if (closeIdleAfterMs !== undefined) setTimeout(() => req.socket.end(), closeIdleAfterMs);
    });
  });
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/path?q=1`,
    received,
    connections: () => connections,
    /** Bytes as the server's sockets counted them: an independent check of the client's counts. */
    wireBytes: () => ({
      received: sockets.reduce((sum, s) => sum + s.bytesRead, 0),
      sent: sockets.reduce((sum, s) => sum + s.bytesWritten, 0),
    }),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

for (const httpClient of ['sockets', 'undici'] as const) {
  describe(`requests as the server sees them (${httpClient})`, () => {
    const servers: Array<{ close(): Promise<void> }> = [];
    after(() => Promise.all(servers.map((s) => s.close())));
    const start = async (closeIdleAfterMs?: number) => {
      const server = await recordingServer(closeIdleAfterMs);
      servers.push(server);
      return server;
    };

    it('sends method, path, headers and body on every request', async () => {
      const server = await start();
      const result = await generateLoad({
        url: server.url,
        httpClient,
        connections: 3,
        requests: 30,
        method: 'put',
        headers: { 'X-Trace': 'abc', 'Content-Type': 'application/json' },
        body: '{"n":1}',
      });
      assert.equal(result.options.httpClient, httpClient);
      assert.equal(result.requests.ok, 30);
      assert.equal(server.received.length, 30);
      for (const r of server.received) {
        assert.equal(r.method, 'PUT');
        assert.equal(r.url, '/path?q=1');
        assert.equal(r.headers['x-trace'], 'abc');
        assert.equal(r.headers['content-type'], 'application/json');
        assert.equal(r.headers['content-length'], '7');
        assert.equal(r.headers.host, new URL(server.url).host);
        assert.match(r.headers['user-agent'] ?? '', /^load-test-localhost\//);
        assert.equal(r.body, '{"n":1}');
      }
      // Everything that crossed the sockets, as the server counted it: request heads and bodies, response heads and bodies.
      const wire = server.wireBytes();
      assert.equal(result.throughput.bytesWritten, wire.received);
      assert.equal(result.throughput.bytesRead, wire.sent);
      assert.ok(wire.received > 30 * 7);
      assert.equal(result.throughput.bodyBytesRead, 30 * 4);
      // generateLoad probes the target with one connection before the load.
      assert.equal(server.connections(), 1 + 3, 'keep-alive: one connection each');
    });

    it('loads an IPv6 loopback server', async () => {
      const server = createServer((_req, res) => res.end('six'));
      await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
      try {
        const url = `http://[::1]:${(server.address() as AddressInfo).port}/`;
        const result = await generateLoad({ url, httpClient, connections: 2, requests: 20 });
        assert.equal(result.requests.ok, 20, JSON.stringify(result.errors.detail));
        assert.equal(result.target.connectAddress, '::1');
        assert.equal(result.throughput.bodyBytesRead, 20 * 3);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });

    it('reads no body after HEAD even though Content-Length is set', async () => {
      const server = await start();
      const result = await generateLoad({ url: server.url, httpClient, connections: 2, requests: 20, method: 'HEAD' });
      assert.equal(result.requests.ok, 20, JSON.stringify(result.errors));
      assert.equal(result.throughput.bodyBytesRead, 0);
      assert.equal(result.throughput.bytesRead, server.wireBytes().sent, 'the heads crossed the socket');
      assert.equal(server.connections(), 1 + 2);
    });

    it('asks for a new connection per request without keep-alive', async () => {
      const server = await start();
      const result = await generateLoad({ url: server.url, httpClient, connections: 4, requests: 40, keepAlive: false });
      assert.equal(result.requests.ok, 40);
      assert.equal(server.connections(), 1 + 40);
      assert.ok(server.received.every((r) => r.headers.connection === 'close'));
    });

    it('reconnects without an error when the server closes idle keep-alive connections', async () => {
      // 20 req/s: a connection waits ~50 ms between requests; the server closes it 10 ms after each response.
      const server = await start(10);
      const result = await generateLoad({ url: server.url, httpClient, connections: 2, rate: 20, durationMs: 1000 });
      assert.equal(result.requests.failed, 0, JSON.stringify(result.errors.detail));
      assert.ok(result.requests.ok >= 15, `ok ${result.requests.ok}`);
      assert.ok(result.connections.opened >= result.requests.ok - 2, `opened ${result.connections.opened} for ${result.requests.ok}`);
    });
  });
}

describe('the HTTP client chosen', () => {
  it('is the lean sockets for http:// unless undici is asked for', async () => {
    const server = await recordingServer();
    try {
      const lean = await generateLoad({ url: server.url, connections: 1, requests: 1 });
      assert.equal(lean.options.httpClient, 'sockets');
      const undici = await generateLoad({ url: server.url, connections: 1, requests: 1, httpClient: 'undici' });
      assert.equal(undici.options.httpClient, 'undici');
    } finally {
      await server.close();
    }
  });
});

describe('closing connections without keep-alive (sockets)', () => {
  it('lets the server close first, so TIME_WAIT stays on the server side as with ab and wrk', async () => {
    const server = await recordingServer();
    try {
      const result = await generateLoad({ url: server.url, connections: 4, requests: 200, keepAlive: false });
      assert.equal(result.requests.ok, 200);
      const port = new URL(server.url).port;
      // TIME_WAIT sockets whose peer is the server's port are ours (the client's); the server's own have it locally.
      const timeWait = (filter: string) =>
        execFileSync('ss', ['-Htan', 'state', 'time-wait', filter], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
      const ours = timeWait(`( dport = :${port} )`);
      const theirs = timeWait(`( sport = :${port} )`);
      assert.ok(theirs >= 190, `server side TIME_WAIT ${theirs}`);
      assert.ok(ours <= 5, `client side TIME_WAIT ${ours}`);
    } finally {
      await server.close();
    }
  });

  it('still opens a new connection per request when the server answers keep-alive to our close', async () => {
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const result = await generateLoad({ url, connections: 3, requests: 30, keepAlive: false });
      assert.equal(result.requests.ok, 30);
      assert.equal(connections, 1 + 30, 'one per request, after the probe');
    } finally {
      server.close();
    }
  });

  it('closes a connection itself when a server says close but keeps it open', async () => {
    // Answers `Connection: close` and then never closes: each socket must still be closed by us, and the run ends.
    let open = 0;
    let peak = 0;
    let allClosed: (() => void) | undefined;
    const server = createNetServer((socket) => {
      peak = Math.max(peak, ++open);
      socket.on('close', () => {
        if (--open === 0) allClosed?.();
      });
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const result = await generateLoad({ url, connections: 2, requests: 40, responseTimeoutMs: 3000 });
      assert.equal(result.requests.ok, 40, JSON.stringify(result.errors.detail));
      assert.equal(result.connections.opened, 40);
      // Every socket closes once the run is over: the test times out otherwise.
      if (open > 0) await new Promise<void>((resolve) => (allClosed = resolve));
      assert.ok(peak >= 20, `peak ${peak}: sockets waited for the server to close`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
