// An HTML report for a remote window's browser: one file, at one unguessable path, on loopback only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveReport } from '../../../src/extension/reportServer';

test('serves the report at its random path on 127.0.0.1, and nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-report-'));
  const file = join(dir, 'load-test-127.0.0.1-3000-2026-01-01T10-00-00.html');
  writeFileSync(file, '<!DOCTYPE html><title>report</title>');
  const served = await serveReport(file);
  try {
    const url = new URL(served.url);
    assert.equal(served.url, `${served.origin}${served.path}`);
    assert.equal(url.hostname, '127.0.0.1');
    assert.match(url.pathname, /^\/[0-9a-f]{32}\/load-test-127\.0\.0\.1-3000-2026-01-01T10-00-00\.html$/);
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await ok.text(), '<!DOCTYPE html><title>report</title>');
    for (const other of ['/', `/${'0'.repeat(32)}/${url.pathname.split('/')[2]}`, `${url.pathname}/x`]) {
      assert.equal((await fetch(new URL(other, url))).status, 404, other);
    }
  } finally {
    served.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
