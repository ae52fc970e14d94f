// The load threads yield to the server under test: only the calling thread's nice value rises, on the real kernel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

const linux = process.platform === 'linux' ? undefined : 'per-thread priorities: Linux only';

/** Field 19 of /proc/<pid>/task/<tid>/stat (after the command name): the nice value. */
const niceOf = (statPath: string) => Number(readFileSync(statPath, 'utf8').split(') ')[1]!.split(' ')[16]);

test('lowerThisThreadPriority: the worker thread runs at nice +10, the thread that started it keeps its priority', { skip: linux }, async () => {
  const mainNice = niceOf('/proc/thread-self/stat');
  const source = JSON.stringify(join(__dirname, '../../../src/engine/threadPriority.ts'));
  const worker = new Worker(
    `require('tsx/cjs/api').register();
     const { parentPort } = require('node:worker_threads');
     const { readlinkSync } = require('node:fs');
     const lowered = require(${source}).lowerThisThreadPriority();
     parentPort.postMessage({ lowered, task: readlinkSync('/proc/thread-self') });
     setTimeout(() => {}, 2000);`,
    { eval: true },
  );
  try {
    const { lowered, task } = await new Promise<{ lowered: boolean; task: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.equal(lowered, true);
    assert.equal(niceOf(`/proc/${task}/stat`), Math.max(10, mainNice));
    assert.equal(niceOf('/proc/thread-self/stat'), mainNice, 'the calling thread of the test is untouched');
  } finally {
    await worker.terminate();
  }
});
