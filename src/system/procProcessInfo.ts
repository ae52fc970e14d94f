// What we need to know about a process on Linux: parent, command line, working directory. A process may exit
// while we read it: every read tolerates that and answers undefined rather than throwing.
import { readFile, readlink } from 'node:fs/promises';
import { parseProcCommandLine } from './procCommandLine';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  cwd?: string;
}

/** Field 4 of /proc/<pid>/stat; the command name before it is in parentheses and may contain spaces or ")". */
export function parseStatPpid(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
  const ppid = Number(afterName[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

export async function readLinuxProcessInfo(pid: number, procRoot = '/proc'): Promise<ProcessInfo | undefined> {
  try {
    const [stat, cmdline] = await Promise.all([
      readFile(`${procRoot}/${pid}/stat`, 'utf8'),
      readFile(`${procRoot}/${pid}/cmdline`, 'utf8'),
    ]);
    const ppid = parseStatPpid(stat);
    if (ppid === undefined) return undefined;
    // Processes that rewrite their title (next-server, puma, gunicorn) may put everything in argv[0].
    const argv = parseProcCommandLine(cmdline);
    const cwd = await readlink(`${procRoot}/${pid}/cwd`).catch(() => undefined);
    return { pid, ppid, argv, cwd };
  } catch {
    return undefined;
  }
}
