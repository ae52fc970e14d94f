// /proc/<pid>/cmdline: the process's arguments, each ended by a NUL. Discovery shows and recognises the command of
// a listening process from it; the diagnosis recognises the server (and its default listen backlog).
import { readFile } from 'node:fs/promises';

/** "node\0server.js\0" -> ["node", "server.js"]. A process that rewrote its title may have it all in argv[0]. */
export function parseProcCommandLine(raw: string): string[] {
  const argv = raw.split('\0');
  if (argv[argv.length - 1] === '') argv.pop();
  return argv;
}

/** Undefined when the process is gone, not ours to read, or has no command line (a kernel thread, a zombie). */
export async function readProcCommandLine(pid: number, procRoot = '/proc'): Promise<string[] | undefined> {
  try {
    const argv = parseProcCommandLine(await readFile(`${procRoot}/${pid}/cmdline`, 'utf8'));
    return argv.length > 0 ? argv : undefined;
  } catch {
    return undefined;
  }
}
