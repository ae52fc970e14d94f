// The port a Node server file names literally: `process.env.PORT || 3000`, `listen({ port: 3000 })`,
// `const PORT = 3000` then `app.listen(PORT)`. Read from the file the dev script runs (`node server.js`,
// `nodemon src/index.js`), through the same listen-site reader as the editor hints. Plain text, never executed.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { findNodeListenSites } from '../hints/nodeListenSites';

const RUNNERS = /(?:^|[\s/])(?:node|nodemon|ts-node|tsx|bun|deno\s+run(?:\s+-\S+)*)\s+(?:-\S+\s+)*([\w./@-]+\.(?:m?[jt]s|c[jt]s))(?=\s|$)/;
const MAX_BYTES = 512 * 1024;

/** The script a dev command runs, e.g. "nodemon server.js" -> "server.js". */
export function entryScriptOf(command: string): string | undefined {
  return RUNNERS.exec(command)?.[1];
}

/** A port every listen call in the text agrees on, or undefined. */
export function literalListenPort(text: string): number | undefined {
  const ports = new Set(findNodeListenSites(text).map((s) => s.port?.value));
  if (ports.size !== 1) return undefined;
  return [...ports][0];
}

export async function readEntryScriptPort(folder: string, command: string): Promise<{ port: number; file: string } | undefined> {
  const script = entryScriptOf(command);
  if (!script) return undefined;
  const file = path.resolve(folder, script);
  if (path.relative(folder, file).startsWith('..')) return undefined; // only the workspace's own files
  try {
    if ((await stat(file)).size > MAX_BYTES) return undefined;
    const port = literalListenPort(await readFile(file, 'utf8'));
    return port === undefined ? undefined : { port, file };
  } catch {
    return undefined;
  }
}
