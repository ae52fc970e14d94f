// The words of an error detail line, as the CLI report, the panel and exports show them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectTimeoutError, PeerClosedError, describeError } from '../../../src/engine/errorClassification';

test('undici codes (UND_ERR_*) stay out of what users read; system codes stay in', () => {
  assert.equal(describeError(new ConnectTimeoutError(10_000)), 'no TCP connection within 10000 ms');
  assert.equal(describeError(new PeerClosedError('before the response')), 'the server closed the connection before the response');
  assert.equal(describeError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })), 'Headers Timeout Error');
  assert.equal(describeError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 'read ECONNRESET');
  assert.equal(describeError(Object.assign(new Error('socket hang up'), { code: 'EPIPE' })), 'EPIPE: socket hang up');
});
