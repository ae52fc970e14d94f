// The sampling loop on a /proc tree of our own (procRoot): which tables it reads, and how often. The loop is driven
// by its own messages: each step waits for the loop's next sample, never for a fixed time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runKernelSampling, type SamplingMessage } from '../../../src/diagnosis/kernelSampling';
import { listenerKey } from '../../../src/diagnosis/listenerQueues';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
/** A LISTEN row (state 0A) with `queued` connections waiting in its accept queue. */
function listenRow(i: number, addressHex: string, port: number, queued: number): string {
  return `  ${i}: ${addressHex}:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A 00000000:${queued.toString(16).padStart(8, '0')} 00:00000000 00000000     0        0 ${1000 + i} 1 0000000000000000 100 0 0 10 0\n`;
}
const V6_LOOPBACK = '00000000000000000000000001000000';

let root: string;

function writeTables(v4: string[], v6: string[]): void {
  writeFileSync(join(root, 'net', 'tcp'), HEADER + v4.join(''));
  writeFileSync(join(root, 'net', 'tcp6'), HEADER + v6.join(''));
}

/** Runs the loop on the fake tree; `script(n)` runs when the n-th sample arrives and returns true to stop. */
function sample(script: (n: number) => boolean) {
  return new Promise<Extract<SamplingMessage, { type: 'final' }>>((resolve) => {
    let n = 0;
    let stopping = false;
    const loop = runKernelSampling(
      {
        queueIntervalMs: 5,
        sampleIntervalMs: 10,
        baseline: {},
        startedAt: Date.now(),
        known: [{ address: '127.0.0.1', port: 8080, backlog: 4 }, { address: '::1', port: 5173, backlog: 2 }],
        targetKeys: [listenerKey('127.0.0.1', 8080)],
        targetFamilies: [4],
        procRoot: root,
      },
      (m) => {
        if (m.type === 'sample' && !stopping && script(++n)) {
          stopping = true;
          void loop.stop();
        } else if (m.type === 'final') resolve(m);
      },
    );
  });
}

describe('kernel sampling: the other family', () => {
  // Inside the describe: the fast layer runs every file in one process, where top-level hooks would apply to all.
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ltl-proc-'));
    mkdirSync(join(root, 'net'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is read at every sample while it has a listener: a full queue there is seen at each of them', async () => {
    writeTables([listenRow(0, '0100007F', 8080, 0)], [listenRow(0, V6_LOOPBACK, 5173, 0)]);
    let fullFrom = 0;
    const final = await sample((n) => {
      if (n === 2) {
        writeTables([listenRow(0, '0100007F', 8080, 0)], [listenRow(0, V6_LOOPBACK, 5173, 2)]);
        fullFrom = n;
      }
      return n === 6;
    });
    const vite = final.queues.find((q) => q.port === 5173);
    assert.ok(vite, JSON.stringify(final.queues));
    // Samples 3 to 6 and the final poll: no sample skips the other family while a listener is there.
    assert.ok(vite.fullPolls >= 6 - fullFrom + 1, `${vite.fullPolls} full polls of 5173`);
    assert.equal(vite.capacity, 2);
    assert.equal(vite.target, false);
  });

  it('with no listener there, a listener that appears mid-run is still seen, at the latest in the final poll', async () => {
    writeTables([listenRow(0, '0100007F', 8080, 0)], []);
    const final = await sample((n) => {
      if (n === 2) writeTables([listenRow(0, '0100007F', 8080, 0)], [listenRow(0, V6_LOOPBACK, 5173, 2)]);
      return n === 3;
    });
    const vite = final.queues.find((q) => q.port === 5173);
    assert.ok(vite, JSON.stringify(final.queues));
    assert.ok(vite.fullPolls >= 1);
  });

  it('with no listener there, it is read every 10th sample (its table is the costly one to read), then every sample once one is seen', async () => {
    writeTables([listenRow(0, '0100007F', 8080, 0)], []);
    let appearedAt = 0;
    const final = await sample((n) => {
      if (n === 1) {
        writeTables([listenRow(0, '0100007F', 8080, 0)], [listenRow(0, V6_LOOPBACK, 5173, 2)]);
        appearedAt = n;
      }
      return n === 14;
    });
    const vite = final.queues.find((q) => q.port === 5173)!;
    // Not read at samples 2-9; read at sample 10, which finds it, then at 11-14 and the final poll: 6 polls (7 if
    // the loop skipped posting one sample behind a slow counter read; 14 if every sample read it).
    assert.equal(appearedAt, 1);
    assert.ok(vite.polls >= 6 && vite.polls <= 7, `polls of 5173: ${vite.polls}`);
    // The target's family is read at every poll (every 5 ms; 2 per sample here) and at the start and the end.
    const target = final.queues.find((q) => q.target)!;
    assert.ok(target.polls >= 2 * 14, `${target.polls} polls of the target`);
  });
});
