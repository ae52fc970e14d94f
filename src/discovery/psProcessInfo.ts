// Process facts on macOS, where there is no /proc: `ps` for the parent and command line, `lsof` for the cwd.
// The command line comes back as one string (ps cannot keep argument boundaries); we split it on spaces.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ProcessInfo } from './procProcessInfo';

const run = promisify(execFile);

/**
 * `lsof -a -p PID -d cwd -Fn`: lsof's field output (lsof(8), OUTPUT FOR OTHER PROGRAMS) is one field per line,
 * its identifier first: "p<pid>" starts the process set, "f<fd>" a file set ("fcwd" for the current working
 * directory, always selected), "n<name>" the file's name. The cwd is the n field of the fcwd set.
 */
export function parseLsofCwd(text: string): string | undefined {
  let inCwd = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('f')) inCwd = line === 'fcwd';
    else if (line.startsWith('p')) inCwd = false;
    else if (inCwd && line.startsWith('n') && line.length > 1) return line.slice(1);
  }
  return undefined;
}

export async function readPsProcessInfo(pid: number): Promise<ProcessInfo | undefined> {
  try {
    const { stdout: ps } = await run('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { timeout: 3000 });
    const match = /^\s*(\d+)\s+(.*)$/.exec(ps.trim());
    if (!match) return undefined;
    const { stdout: lsof } = await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn'], { timeout: 3000 }).catch(
      () => ({ stdout: '' }),
    );
    const cwd = parseLsofCwd(lsof);
    return { pid, ppid: Number(match[1]), argv: match[2]!.split(/\s+/), cwd };
  } catch {
    return undefined; // exited meanwhile
  }
}
