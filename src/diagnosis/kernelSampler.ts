// Samples the TCP counters and every listener's accept queue during the run, in a worker thread of its own
// (kernelSampling.ts does the reading), so the panel can draw them under the throughput and the rules can tell
// which listener overflowed. If no thread can be started, the same loop runs in this thread.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { kernelSamplerWorkerFile } from './kernelSamplerWorkerFile';
import { runKernelSampling, type SamplingMessage, type SamplingSetup, type SamplingSummary } from './kernelSampling';
import type { KernelSample } from '../shared/findings';

/** Accept queues are polled this often: a burst that fills a queue for a few hundred ms is seen. */
export const QUEUE_POLL_MS = 100;

/** The longest the load waits for the sampler's thread to start (it takes ~30 ms; seconds under tsx on a busy machine). */
const READY_WAIT_MS = 5_000;

/** The summary fields are read after stop(). */
export interface KernelSampler extends SamplingSummary {
  /** Resolves once the first poll is done (or the thread failed, or READY_WAIT_MS passed): start the load then. */
  ready: Promise<void>;
  samples: KernelSample[];
  stop(): Promise<void>;
}

/**
 * `ownThread: false` runs the loop on the caller's thread: the CLI does, as its main thread idles during the load
 * (the load runs in its own threads) and a thread of its own costs ~25 ms of CPU to start, a quarter of what the
 * diagnosis costs a run. The extension host keeps the thread: its event loop is the editor's.
 */
export function startKernelSampler(setup: SamplingSetup, onSample?: (s: KernelSample) => void, { ownThread = true } = {}): KernelSampler {
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const readyTimer = setTimeout(resolveReady, READY_WAIT_MS);
  void ready.then(() => clearTimeout(readyTimer));
  const sampler: KernelSampler = { ready, samples: [], queues: [], queuePolls: 0, stop: async () => {} };
  let resolveFinal!: () => void;
  const final = new Promise<void>((resolve) => (resolveFinal = resolve));
  void final.then(resolveReady);
  const onMessage = (m: SamplingMessage) => {
    if (m.type === 'ready') resolveReady();
    else if (m.type === 'sample') {
      sampler.samples.push(m.sample);
      try {
        onSample?.(m.sample);
      } catch {
        // A consumer's error must not stop the sampling.
      }
    } else {
      const { type: _final, ...summary } = m;
      Object.assign(sampler, summary);
      resolveFinal();
    }
  };
  try {
    if (!ownThread) throw new Error('the caller asked for its own thread');
    const file = kernelSamplerWorkerFile();
    if (!existsSync(file)) throw new Error(`no sampler script at ${file}`);
    const worker = new Worker(file, { workerData: setup });
    worker.unref();
    worker.on('message', onMessage);
    // A thread that dies takes no final reading with it: the run is still diagnosed from the counters.
    worker.once('error', () => resolveFinal());
    worker.once('exit', () => resolveFinal());
    sampler.stop = async () => {
      worker.postMessage({ type: 'stop' });
      await final;
    };
  } catch {
    const loop = runKernelSampling(setup, onMessage);
    sampler.stop = async () => {
      await loop.stop();
      await final;
    };
  }
  return sampler;
}
