// Worker thread entry of the kernel sampler: the polling runs here, never on the caller's thread (the extension
// host's event loop must not stutter during a run).
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../system/threadPriority';
import { runKernelSampling, type SamplingSetup } from './kernelSampling';

// A late poll costs nothing; CPU taken from the server under test costs the measurement.
lowerThisThreadPriority();

const port = parentPort!;
const loop = runKernelSampling(workerData as SamplingSetup, (message) => port.postMessage(message), true);
port.on('message', (command: { type: 'stop' }) => {
  if (command.type === 'stop') void loop.stop().then(() => port.close());
});
