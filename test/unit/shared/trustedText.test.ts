// What a run keeps and shows: no control characters from a server, no credentials, a JSON file never lost.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { saveJson } from '../../../src/cli/jsonOutput';
import { describeError } from '../../../src/engine/errorClassification';
import { HttpParseError } from '../../../src/engine/http1ResponseParser';
import { normalizeLoadOptions } from '../../../src/engine/loadOptions';
import { stripControlCharacters, stripControlCharactersDeep } from '../../../src/shared/controlCharacters';
import { redactHeaders, redactUrl } from '../../../src/shared/secrets';

const HOSTILE = 'ok\x1b]0;TITLE\x07\x1b[2J\x9b31m\x00';

describe('server bytes never drive a terminal', () => {
  it('strips C0, DEL and C1 controls, keeping tabs and (unless single-line) line feeds', () => {
    assert.equal(stripControlCharacters(HOSTILE), 'ok]0;TITLE[2J31m');
    assert.equal(stripControlCharacters('a\tb\nc'), 'a\tb\nc');
    assert.equal(stripControlCharacters('a\r\nb', true), 'a b');
  });

  it('cleans every string inside a result-like object', () => {
    const cleaned = stripControlCharactersDeep({ a: [HOSTILE, { b: HOSTILE }], n: 3, u: undefined });
    assert.deepEqual(cleaned, { a: ['ok]0;TITLE[2J31m', { b: 'ok]0;TITLE[2J31m' }], n: 3, u: undefined });
  });

  it('an error quoting the server\'s bytes is described without them', () => {
    const described = describeError(new HttpParseError(`invalid Content-Length "${HOSTILE}"`, 'HPE_INVALID_CONTENT_LENGTH'));
    assert.doesNotMatch(described, /[\x00-\x1f\x7f-\x9f]/);
    assert.match(described, /^HPE_INVALID_CONTENT_LENGTH: invalid Content-Length/);
  });
});

describe('credentials are sent, never kept', () => {
  it('URL credentials become a Basic Authorization header and leave the URL', () => {
    const o = normalizeLoadOptions({ url: 'http://user:p%40ss@127.0.0.1:8080/x' });
    assert.equal(o.url.href, 'http://127.0.0.1:8080/x');
    assert.equal(o.headers.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('a given Authorization header wins over URL credentials', () => {
    const o = normalizeLoadOptions({ url: 'http://u:p@127.0.0.1/', headers: { Authorization: 'Bearer t' } });
    assert.equal(o.headers.authorization, 'Bearer t');
  });

  it('redacts credential headers and URL user info for display and storage', () => {
    assert.deepEqual(redactHeaders({ authorization: 'Basic x', Cookie: 'sid=1', 'x-trace': 'a' }), { authorization: '[redacted]', Cookie: '[redacted]', 'x-trace': 'a' });
    assert.equal(redactUrl('http://user:pass@localhost:3000/a'), 'http://localhost:3000/a');
    assert.equal(redactUrl('http://localhost:3000/a'), 'http://localhost:3000/a');
    assert.equal(redactUrl('user:pass@localhost:3000/a'), 'localhost:3000/a', 'typed without a scheme');
    assert.equal(redactUrl('localhost:3000/a@b'), 'localhost:3000/a@b', 'an @ in the path is not a credential');
  });
});

describe('--json is never lost', () => {
  it('writes where asked, atomically', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ltl-json-')), 'r.json');
    assert.deepEqual(saveJson(file, '{"a":1}\n'), { written: file });
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
  });

  it('saves to a fallback file and says where, when the path went away after the check', () => {
    const outcome = saveJson(join(tmpdir(), 'ltl-gone', 'missing', 'r.json'), '{"kept":true}\n');
    assert.ok('failed' in outcome && outcome.failed !== undefined, JSON.stringify(outcome));
    assert.equal(readFileSync(outcome.written, 'utf8'), '{"kept":true}\n');
  });
});
