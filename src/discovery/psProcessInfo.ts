// Process facts on macOS, where there is no /proc: `ps` for the parent and command line, `lsof` for the cwd.
// The command line comes back as one string (ps cannot keep argument boundaries); we split it on spaces.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ProcessInfo } from './procProcessInfo';

const run = promisify(execFile);

export async function readPsProcessInfo(pid: number): Promise<ProcessInfo | undefined> {
  try {
    const { stdout: ps } = await run('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { timeout: 3000 });
    const match = /^\s*(\d+)\s+(.*)$/.exec(ps.trim());
    if (!match) return undefined;
    const { stdout: lsof } = await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn'], { timeout: 3000 }).catch(
      () => ({ stdout: '' }),
    );
    const cwd = lsof
      .split('\n')
      .find((line) => line.startsWith('n'))
      ?.slice(1);
    return { pid, ppid: Number(match[1]), argv: match[2]!.split(/\s+/), cwd };
  } catch {
    return undefined; // exited meanwhile
  }
}
