// A share stopped before it started (a run cancelled while its load threads were starting) reports nothing but its
// final message: counted from a start time of 0, its stop tick would be ~7e9, and the aggregator would close every
// tick up to it, one by one (the run hung).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runLoadShare } from '../../../src/engine/loadShare';
import { CONTROL_SLOTS, type ShareMessage, type ShareSetup } from '../../../src/engine/workerMessages';

test('stopped before the start: only the final message, nothing opened', async () => {
  const setup: ShareSetup = {
    workerIndex: 0,
    workerCount: 0,
    connections: 2,
    origin: 'http://127.0.0.1:9',
    connectAddress: '127.0.0.1',
    path: '/',
    method: 'GET',
    headers: { host: '127.0.0.1:9' },
    keepAlive: true,
    httpClient: 'sockets',
    yieldCpu: false,
    http2: false,
    insecure: false,
    connectTimeoutMs: 1000,
    responseTimeoutMs: 1000,
    tickMs: 250,
    control: new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT),
  };
  const messages: ShareMessage[] = [];
  const share = runLoadShare(setup, (m) => messages.push(m));
  share.stop();
  await share.done;
  assert.equal(messages.length, 1);
  const final = messages[0] as Extract<ShareMessage, { type: 'final' }>;
  assert.ok(final.stoppedAt > 0, 'when it stopped');
  assert.deepEqual({ ...final, stoppedAt: 0 }, { type: 'final', workerIndex: 0, openAtStop: 0, connectingAtStopMs: [], stoppedAt: 0 });
});
