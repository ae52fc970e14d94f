// Imported (or preloaded with --import) by every test that runs the engine from its TypeScript sources: load threads
// then run src/engine/loadWorker.ts through tsx instead of the bundle's out/loadWorker.js, and the kernel sampler's
// thread runs src/diagnosis/kernelSamplerWorker.ts.
import { join } from 'node:path';
import { useKernelSamplerWorkerFile } from '../../src/diagnosis/kernelSamplerWorkerFile';
import { useLoadWorkerFile } from '../../src/engine/loadWorkerFile';

export const SOURCE_LOAD_WORKER = join(__dirname, 'loadWorker.cjs');
useLoadWorkerFile(SOURCE_LOAD_WORKER);
useKernelSamplerWorkerFile(join(__dirname, 'kernelSamplerWorker.cjs'));
