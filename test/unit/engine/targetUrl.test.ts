// The URL a user types or pastes: the scheme and host people leave out, and the "any address" servers print.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTargetUrl, readTargetUrl, UsageError } from '../../../src/engine/loadOptions';

describe('target URL', () => {
  it('gives `localhost:3000`, `:3000` and a bare `3000` http and localhost', () => {
    assert.equal(parseTargetUrl('localhost:3000').href, 'http://localhost:3000/');
    assert.equal(parseTargetUrl('8002').href, 'http://localhost:8002/', 'not the IPv4 address 0.0.31.66');
    assert.equal(parseTargetUrl('8090/nope?x=1').href, 'http://localhost:8090/nope?x=1', 'a bare port with a path');
    assert.equal(parseTargetUrl(' :3000/api ').href, 'http://localhost:3000/api');
    assert.equal(readTargetUrl('localhost:3000').note, undefined);
  });

  it('tests 127.0.0.1 for the 0.0.0.0 that python -m http.server prints, and says so', () => {
    assert.equal(parseTargetUrl('http://0.0.0.0:8000/').href, 'http://127.0.0.1:8000/');
    assert.equal(parseTargetUrl('0.0.0.0:8000/x?y=1').href, 'http://127.0.0.1:8000/x?y=1');
    assert.match(readTargetUrl('http://0.0.0.0:8000/').note!, /^0\.0\.0\.0 is the address a server listens on .*tested 127\.0\.0\.1 instead/);
  });

  it('tests [::1] for [::], in any spelling the URL parser accepts', () => {
    assert.equal(parseTargetUrl('http://[::]:5173/').href, 'http://[::1]:5173/');
    assert.equal(parseTargetUrl('http://[0:0:0:0:0:0:0:0]:5173/').href, 'http://[::1]:5173/');
    assert.match(readTargetUrl('[::]:5173').note!, /tested \[::1\] instead/);
  });

  it('leaves every other host as typed, and a URL that does not parse is one usage error', () => {
    assert.equal(parseTargetUrl('http://127.0.0.2:8080/').hostname, '127.0.0.2');
    assert.equal(parseTargetUrl('http://0.0.0.1:8080/').hostname, '0.0.0.1');
    assert.throws(() => readTargetUrl('http://exa mple/'), UsageError);
  });
});
