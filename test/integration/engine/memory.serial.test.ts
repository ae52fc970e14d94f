import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateLoad } from '../../../src/engine/generateLoad';
import { spawn } from 'node:child_process';
import '../../support/sourceLoadWorker';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it('keeps memory flat as a run gets longer: nothing is kept per request', async () => {
  // The server runs in its own process so that this heap holds only what the engine keeps.
  const child = spawn(process.execPath, ['-e', "const s=require('http').createServer((q,r)=>r.end('ok')).listen(0,'127.0.0.1',()=>console.log(s.address().port))"]);
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d)))));
  const server = { url: `http://127.0.0.1:${port}/` };
  try {
    // In the caller's thread (workers: 0) so that this process's heap holds everything the engine keeps.
    await generateLoad({ url: server.url, connections: 8, durationMs: 500, workers: 0 });
    const base = heapAfterGc();
    const short = await generateLoad({ url: server.url, connections: 8, durationMs: 1000, workers: 0 });
    const afterShort = heapAfterGc() - base;
    const long = await generateLoad({ url: server.url, connections: 8, durationMs: 5000, workers: 0 });
    const afterLong = heapAfterGc() - base;
    // 5x the time; at least 2x the requests even when the machine slows down during the long run (CI saw 2.8x).
    assert.ok(long.requests.ok > short.requests.ok * 2, `long ${long.requests.ok} vs short ${short.requests.ok}`);
    const moreRequests = long.requests.ok - short.requests.ok;
    console.log(`memory: +${moreRequests} requests, heap +${((afterLong - afterShort) / 1e6).toFixed(3)} MB`);
    const growth = afterLong - afterShort;
    // Keeping even one number per request would cost 8 bytes a request; allow a fixed 1 MB for JIT and caches.
    assert.ok(growth < Math.min(1_000_000, moreRequests * 8), `heap grew ${growth / 1e6} MB for ${moreRequests} more requests`);
    assert.ok(long.series.length >= 5 && long.series.length <= 6, `series ${long.series.length}`);
  } finally {
    child.kill();
  }
});
