// A worker thread from its bundle next to the caller's bundle in out/ (out/loadWorker.js next to out/cli.js), or,
// under tsx (tests), from its TypeScript source next to the caller's source.
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export function createBundledWorker(callerFile: string, name: string, workerData: unknown): Worker {
  const dir = dirname(callerFile);
  if (!callerFile.endsWith('.ts')) return new Worker(join(dir, `${name}.js`), { workerData });
  const source = JSON.stringify(join(dir, `${name}.ts`));
  return new Worker(`require('tsx/cjs/api').register(); require(${source});`, { eval: true, workerData });
}
