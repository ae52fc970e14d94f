// A load thread that dies mid-run: the run stops at once with stopReason 'error' and the reason, and what the other
// thread measured until then is all there, every request accounted for.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { generateLoad } from '../../../src/engine/generateLoad';
import { useLoadWorkerFile } from '../../../src/engine/loadWorkerFile';
import * as servers from '../../support/testServers';
import { SOURCE_LOAD_WORKER } from '../../support/sourceLoadWorker';

let server: servers.RunningServer;
before(async () => {
  server = await servers.fixedDelayServer(5);
  useLoadWorkerFile(join(__dirname, '../../support/crashingLoadWorker.cjs'));
});
after(async () => {
  useLoadWorkerFile(SOURCE_LOAD_WORKER);
  await server.close();
});

it('stops the run with stopReason error and the crash message, keeping what was measured', async () => {
  const result = await generateLoad({ url: server.url, connections: 4, workers: 2, durationMs: 20_000 });
  assert.equal(result.stopReason, 'error');
  assert.match(result.stopMessage ?? '', /^Load thread 1 crashed: crashed on purpose by the test$/);
  assert.ok(result.durationMs < 10_000, `stopped long before the 20 s duration (${result.durationMs} ms)`);
  assert.ok(result.requests.ok > 0, 'share 0 measured requests before the stop');
  const r = result.requests;
  assert.equal(r.started, r.ok + r.failed + r.inFlight);
});

it('is not an error when no thread crashes', async () => {
  const result = await generateLoad({ url: server.url, connections: 2, workers: 1, requests: 20 });
  assert.equal(result.stopReason, 'request-count');
  assert.equal(result.stopMessage, undefined);
});
