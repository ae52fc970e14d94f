// The one place that runs a system command (ss, lsof, ps, dmesg, journalctl, sysctl, netstat): with a deadline
// and LC_ALL=C, so the output the parsers read is the same in every locale. Never throws: a missing tool or a
// permission error is information for the report, not a crash.
import { execFile } from 'node:child_process';

export interface CommandOutput {
  ok: boolean;
  stdout: string;
  /** Why it failed, in words fit for a note (missing tool, permission, exit code, timeout). */
  error?: string;
  /** The exit status when the command ran and failed (lsof exits 1 when nothing matches). */
  exitCode?: number;
}

export function runCommand(file: string, args: string[], timeoutMs = 3000): Promise<CommandOutput> {
  return new Promise((resolve) => {
    try {
      execFile(
        file,
        args,
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
        (err, stdout, stderr) => {
          if (!err) return resolve({ ok: true, stdout: String(stdout) });
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
          let why: string;
          if (e.code === 'ENOENT') why = `${file} is not installed`;
          else if (e.killed) why = `${file} did not answer within ${timeoutMs} ms`;
          else why = `${file} ${args.join(' ')} failed: ${String(stderr || e.message).trim().split('\n')[0]}`;
          resolve({ ok: false, stdout: String(stdout ?? ''), error: why, exitCode: typeof e.code === 'number' ? e.code : undefined });
        },
      );
    } catch (err) {
      resolve({ ok: false, stdout: '', error: `${file} could not be started: ${(err as Error).message}` });
    }
  });
}
