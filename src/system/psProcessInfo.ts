// Process facts on macOS, where there is no /proc: `ps` for the parent and command line, `lsof` for the cwd.
// The command line comes back as one string (ps cannot keep argument boundaries); we split it on spaces.
import { runCommand } from './runCommand';
import type { ProcessInfo } from './procProcessInfo';

export async function readPsProcessInfo(pid: number): Promise<ProcessInfo | undefined> {
  const ps = await runCommand('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)]);
  const match = ps.ok ? /^\s*(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : undefined;
  if (!match) return undefined; // exited meanwhile
  const lsof = await runCommand('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn']);
  const cwd = (lsof.ok ? lsof.stdout : '')
    .split('\n')
    .find((line) => line.startsWith('n'))
    ?.slice(1);
  return { pid, ppid: Number(match[1]), argv: match[2]!.split(/\s+/), cwd };
}
