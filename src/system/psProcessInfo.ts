// Process facts on macOS, where there is no /proc: `ps` for the parent and command line, `lsof` for the cwd.
// The command line comes back as one string (ps cannot keep argument boundaries); we split it on spaces.
import { runCommand } from './runCommand';
import type { ProcessInfo } from './procProcessInfo';

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
  const ps = await runCommand('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)]);
  const match = ps.ok ? /^\s*(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : undefined;
  if (!match) return undefined; // exited meanwhile
  const lsof = await runCommand('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn']);
  const cwd = lsof.ok ? parseLsofCwd(lsof.stdout) : undefined;
  return { pid, ppid: Number(match[1]), argv: match[2]!.split(/\s+/), cwd };
}
