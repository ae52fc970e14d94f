// The first message of each error cause is shown to users: system codes stay (ab prints them too), undici's do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectTimeoutError, PeerClosedError, classifyError, describeError } from '../../../src/engine/errorClassification';

test('our own connect timeout and peer close: classified by their code, described without it', () => {
  const timeout = new ConnectTimeoutError(10_000);
  assert.equal(classifyError(timeout), 'connect-timeout');
  assert.equal(describeError(timeout), 'no TCP connection within 10000 ms');
  const closed = new PeerClosedError('before the response headers');
  assert.equal(classifyError(closed), 'closed-by-peer');
  assert.doesNotMatch(describeError(closed), /UND_ERR/);
});

test('system error codes lead the message unless it already holds them', () => {
  assert.equal(describeError(Object.assign(new Error('write failed'), { code: 'EPIPE' })), 'EPIPE: write failed');
  assert.equal(describeError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 'read ECONNRESET');
  assert.equal(describeError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })), 'Headers Timeout Error');
});
