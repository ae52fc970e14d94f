// New kernel log lines about SYN flooding on the target's port. The log is host-wide and only grows, so we
// remember where it ended before the run and keep only later lines.
import { runCommand } from '../system/runCommand';

export interface KernelLogPosition {
  readable: boolean;
  source?: 'dmesg' | 'journalctl';
  /** dmesg: seconds since boot of the last line seen; journalctl: the cursor. */
  lastTimestamp?: number;
  lastLine?: string;
  cursor?: string;
  reason?: string;
}

/** "[ 1402.120331] text" -> 1402.120331 */
export function dmesgTimestamp(line: string): number | undefined {
  const m = /^\[\s*(\d+\.\d+)\]/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/** The lines of `text` written after the position (by timestamp, else after the last line seen). */
export function linesAfter(text: string, pos: Pick<KernelLogPosition, 'lastTimestamp' | 'lastLine'>): string[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (pos.lastTimestamp !== undefined) {
    return lines.filter((l) => (dmesgTimestamp(l) ?? Infinity) > pos.lastTimestamp!);
  }
  if (pos.lastLine === undefined) return lines;
  const at = lines.lastIndexOf(pos.lastLine);
  return at < 0 ? lines : lines.slice(at + 1);
}

/**
 * Lines saying "Possible SYN flooding on port ..." for `port`. Linux >= ~6.2 names address:port
 * ("port 127.0.0.1:3000.", "port [::1]:3000."), older kernels only the port ("port 3000.").
 */
export function synFloodLines(lines: string[], port: number): string[] {
  const re = /Possible SYN flooding on port (?:(?:\[[0-9a-fA-F:.]*\]|[0-9.]+):)?(\d+)\./;
  return lines.filter((l) => {
    const m = re.exec(l);
    return m !== null && Number(m[1]) === port;
  });
}

/** Whether the line says the kernel answered with cookies (else it dropped the request). */
export function synFloodSentCookies(line: string): boolean {
  return /Sending cookies/.test(line);
}

export async function markKernelLog(): Promise<KernelLogPosition> {
  const d = await runCommand('dmesg', []);
  if (d.ok) {
    const lines = d.stdout.split('\n').filter((l) => l.trim() !== '');
    const last = lines[lines.length - 1];
    return { readable: true, source: 'dmesg', lastTimestamp: last ? dmesgTimestamp(last) : 0, lastLine: last };
  }
  const j = await runCommand('journalctl', ['-k', '-n', '0', '--show-cursor', '--no-pager', '-q']);
  const cursor = /cursor:\s*(\S+)/.exec(j.stdout)?.[1];
  if (j.ok && cursor) return { readable: true, source: 'journalctl', cursor };
  const reason =
    `dmesg is not readable (${d.error}; kernel.dmesg_restrict=1 limits it to root)` +
    (j.ok ? ' and journalctl -k gave no cursor.' : `; journalctl -k neither (${j.error}).`);
  return { readable: false, reason };
}

export async function readNewKernelLog(pos: KernelLogPosition): Promise<{ lines: string[]; error?: string }> {
  if (!pos.readable) return { lines: [], error: pos.reason };
  if (pos.source === 'journalctl' && pos.cursor) {
    const j = await runCommand('journalctl', ['-k', '--after-cursor', pos.cursor, '--no-pager', '-q', '-o', 'short-monotonic']);
    return j.ok ? { lines: j.stdout.split('\n').filter((l) => l.trim() !== '') } : { lines: [], error: j.error };
  }
  const d = await runCommand('dmesg', []);
  return d.ok ? { lines: linesAfter(d.stdout, pos) } : { lines: [], error: d.error };
}
