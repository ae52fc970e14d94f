// Which script a load thread runs. The bundles (out/extension.js, out/cli.js, out/demo.js) find out/loadWorker.js
// next to themselves; tests that run the TypeScript sources point it at a bootstrap that loads the sources through
// tsx (test/support/sourceLoadWorker.ts). The HTTP clients (undici among them, 270 KB) live only in that script, so
// the extension host never loads them: `workers: 0` loads the same script into the caller's thread.
import { join } from 'node:path';

let workerFile = join(__dirname, 'loadWorker.js');

export function loadWorkerFile(): string {
  return workerFile;
}

/** Sets the script load threads run; returns the previous one (to restore it). */
export function useLoadWorkerFile(file: string): string {
  const previous = workerFile;
  workerFile = file;
  return previous;
}
