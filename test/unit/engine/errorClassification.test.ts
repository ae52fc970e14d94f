// Every way a request can fail, as the two HTTP clients and the socket throw it, mapped to the cause the report
// counts it under; and the one-line example kept for each cause.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { classifyError, ConnectTimeoutError, describeError, PeerClosedError, ResponseTimeoutError } from '../../../src/engine/errorClassification';

const errno = (code: string, message = `${code} message`) => Object.assign(new Error(message), { code });

test('socket errnos keep their name; ENFILE counts as EMFILE, ENETUNREACH as EHOSTUNREACH', () => {
  const cases: Array<[string, string]> = [
    ['ECONNRESET', 'ECONNRESET'],
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['EPIPE', 'EPIPE'],
    ['EADDRNOTAVAIL', 'EADDRNOTAVAIL'],
    ['EMFILE', 'EMFILE'],
    ['ENFILE', 'EMFILE'],
    ['ETIMEDOUT', 'ETIMEDOUT'],
    ['ENETUNREACH', 'EHOSTUNREACH'],
  ];
  assert.deepEqual(cases.map(([code]) => classifyError(errno(code))), cases.map(([, cause]) => cause));
});

test("undici's codes map to timeouts, length mismatches, parse errors and closed connections", () => {
  assert.equal(classifyError(errno('UND_ERR_CONNECT_TIMEOUT')), 'connect-timeout');
  assert.equal(classifyError(errno('UND_ERR_HEADERS_TIMEOUT')), 'response-timeout');
  assert.equal(classifyError(errno('UND_ERR_BODY_TIMEOUT')), 'response-timeout');
  assert.equal(classifyError(errno('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')), 'length-mismatch');
  assert.equal(classifyError(errno('UND_ERR_INFO')), 'http-parse-error');
  assert.equal(classifyError(errno('HPE_INVALID_HEADER_TOKEN')), 'http-parse-error', 'any llhttp HPE_ code');
  assert.equal(classifyError(errno('UND_ERR_SOCKET')), 'closed-by-peer');
});

test("undici's socket error is classified by the errno inside it when there is one", () => {
  assert.equal(classifyError(Object.assign(errno('UND_ERR_SOCKET', 'other side closed'), { cause: errno('ECONNRESET') })), 'ECONNRESET');
  assert.equal(classifyError(Object.assign(errno('UND_ERR_SOCKET', 'other side closed'), { cause: new Error('no code') })), 'closed-by-peer');
});

test('TLS failures, the engine’s own errors, and anything else', () => {
  assert.equal(classifyError(errno('ERR_TLS_CERT_ALTNAME_INVALID')), 'tls-error');
  assert.equal(classifyError(errno('DEPTH_ZERO_SELF_SIGNED_CERT')), 'tls-error');
  assert.equal(classifyError(errno('EPROTO')), 'tls-error');
  assert.equal(classifyError(new ConnectTimeoutError(10_000)), 'connect-timeout');
  assert.equal(classifyError(new ResponseTimeoutError(30_000)), 'response-timeout');
  assert.equal(classifyError(new PeerClosedError('before the status line')), 'closed-by-peer');
  assert.equal(classifyError(Object.assign(new Error('bad'), { name: 'HTTPParserError' })), 'http-parse-error');
  assert.equal(classifyError(new Error('something new')), 'other');
  assert.equal(classifyError(errno('ESOMETHINGNEW')), 'other');
  assert.equal(classifyError(undefined), 'other');
});

test("the example line: the errno once (undici's internal UND_ERR_ codes left out), the first line only, at most 200 characters", () => {
  assert.equal(describeError(errno('ECONNRESET', 'read ECONNRESET')), 'read ECONNRESET');
  assert.equal(describeError(errno('EPIPE', 'write failed')), 'EPIPE: write failed');
  assert.equal(describeError(new Error('first line\nstack-like second line')), 'first line');
  assert.equal(describeError(new Error('x'.repeat(300))).length, 200);
  assert.equal(describeError('a thrown string'), 'a thrown string');
  assert.equal(describeError(new ConnectTimeoutError(10_000)), 'no TCP connection within 10000 ms');
});
