// Which script the kernel sampler's thread runs: out/kernelSamplerWorker.js next to the bundle that samples
// (out/extension.js, out/cli.js). Tests that run the TypeScript sources point it at a tsx bootstrap
// (test/support/kernelSamplerWorker.cjs), so no bundle carries a tsx branch.
import { join } from 'node:path';

let workerFile = join(__dirname, 'kernelSamplerWorker.js');

export function kernelSamplerWorkerFile(): string {
  return workerFile;
}

/** Sets the script the sampler thread runs; returns the previous one (to restore it). */
export function useKernelSamplerWorkerFile(file: string): string {
  const previous = workerFile;
  workerFile = file;
  return previous;
}
