import { strict as assert } from 'node:assert';
import { describe, it, before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLoad } from '../../../src/engine/generateLoad';
import '../../support/sourceLoadWorker';

describe('HTTPS and HTTP/2 through undici', () => {
  let server: Http2SecureServer;
  let url: string;
  const versions: Record<string, number> = {};
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'], { stdio: 'ignore' });
    server = createSecureServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), allowHTTP1: true }, (req, res) => {
      versions[req.httpVersion] = (versions[req.httpVersion] ?? 0) + 1;
      res.end('secure');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts a self-signed certificate as a TLS error unless --insecure', async () => {
    const result = await generateLoad({ url, connections: 1, requests: 3 });
    assert.equal(result.requests.failed, 3);
    assert.equal(result.errors.byCause['tls-error'], 3, JSON.stringify(result.errors.detail));
    assert.equal(result.errors.byPhase.connect, 3);
  });

  it('speaks HTTP/1.1 over TLS by default', async () => {
    delete versions['1.1'];
    const result = await generateLoad({ url, connections: 2, requests: 50, insecure: true });
    assert.equal(result.requests.ok, 50);
    assert.equal(versions['1.1'], 50);
  });

  it('speaks HTTP/2 when asked and the server offers it', async () => {
    delete versions['2.0'];
    const result = await generateLoad({ url, connections: 2, requests: 50, insecure: true, http2: true });
    assert.equal(result.requests.ok, 50, JSON.stringify(result.errors.detail));
    assert.equal(versions['2.0'], 50);
  });
});
