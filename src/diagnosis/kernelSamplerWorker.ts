// Worker thread entry of the kernel sampler: the polling runs here, never on the caller's thread (the extension
// host's event loop must not stutter during a run).
import { parentPort, workerData } from 'node:worker_threads';
import { runKernelSampling, type SamplingSetup } from './kernelSampling';

// Normal priority, unlike the yielding load threads: a poll that comes late misses the burst it is there to see
// (at nice +10 on a busy machine, a 3 s overflow run never saw its queue full), and it costs ~1% of a core.

const port = parentPort!;
const loop = runKernelSampling(workerData as SamplingSetup, (message) => port.postMessage(message), true);
port.on('message', (command: { type: 'stop' }) => {
  if (command.type === 'stop') void loop.stop().then(() => port.close());
});
