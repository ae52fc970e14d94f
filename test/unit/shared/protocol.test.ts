// The host's check of what the page sends: every message type the protocol has passes in its right shape, and the
// shapes the host must not act on are refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWebviewMessage, type WebviewToHost } from '../../../src/shared/protocol';

// One right message per type: a type added to the protocol without an example here does not compile.
const RIGHT: { [T in WebviewToHost['type']]: Extract<WebviewToHost, { type: T }> } = {
  ready: { type: 'ready' },
  stop: { type: 'stop' },
  runAgain: { type: 'runAgain' },
  copyText: { type: 'copyText', text: 'sudo sysctl -w net.core.somaxconn=4096' },
  runInTerminal: { type: 'runInTerminal', findingId: 'accept-queue-overflow', fixIndex: 1, runId: 'r1' },
  openBacklogSource: { type: 'openBacklogSource', findingId: 'accept-queue-overflow', runId: 'r1' },
  export: { type: 'export', format: 'csv', runId: 'r1' },
  openRun: { type: 'openRun', runId: 'r1' },
  copyCliCommand: { type: 'copyCliCommand' },
  compareWith: { type: 'compareWith', runId: 'r1' },
};

describe('isWebviewMessage', () => {
  it('lets every message type through in its right shape', () => {
    for (const message of Object.values(RIGHT)) assert.equal(isWebviewMessage(message), true, JSON.stringify(message));
    assert.equal(isWebviewMessage({ type: 'export' }), true, 'without a format the host asks for one');
    assert.equal(isWebviewMessage({ type: 'runInTerminal', findingId: 'f', fixIndex: 0 }), true, 'without a run id: the run on screen');
  });

  it('refuses a command sent as text, and fixes named any other way than by finding and place', () => {
    for (const wrong of [
      { type: 'runInTerminal', command: 'rm -rf ~' },
      { type: 'runInTerminal', findingId: 'accept-queue-overflow', fixIndex: -1 },
      { type: 'runInTerminal', findingId: 'accept-queue-overflow', fixIndex: 0.5 },
      { type: 'runInTerminal', findingId: 'accept-queue-overflow', fixIndex: '0' },
      { type: 'runInTerminal', fixIndex: 0 },
      { type: 'runInTerminal', findingId: 'accept-queue-overflow', fixIndex: 0, runId: 3 },
    ]) {
      assert.equal(isWebviewMessage(wrong), false, JSON.stringify(wrong));
    }
  });

  it('refuses unknown types, wrong field types and what is not an object', () => {
    for (const wrong of [
      null,
      'stop',
      { type: 'eval', code: '1' },
      { type: 'toString' },
      { type: 'copyText', text: 3 },
      { type: 'export', format: 'exe' },
      { type: 'export', runId: 7 },
      { type: 'openRun' },
      { type: 'openBacklogSource', findingId: { id: 'x' } },
      { type: 'compareWith', runId: null },
    ]) {
      assert.equal(isWebviewMessage(wrong), false, JSON.stringify(wrong));
    }
  });
});
