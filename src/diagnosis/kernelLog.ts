// New kernel log lines about SYN flooding on the target's port. The log is host-wide and only grows, so we
// remember where it ended before the run and keep only later lines.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { runCommand } from '../system/runCommand';

export interface KernelLogPosition {
  readable: boolean;
  source?: 'kmsg' | 'dmesg' | 'journalctl';
  /** kmsg: the open /dev/kmsg, read up to its end before the run. */
  fd?: number;
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

/**
 * The kernel's log device hands out one record per read(), "prio,seq,usec,flags;text" then optional " KEY=value"
 * lines (Documentation/ABI/testing/dev-kmsg). Kept open from before the run to after it, it gives exactly the new
 * records: here that costs ~3 ms before the run (978 records read once) and next to nothing after, where running
 * dmesg twice cost ~15 ms of this process's CPU (two forks of a large process) plus the two children.
 */
const KMSG = '/dev/kmsg';
/**
 * A log larger than this is left to dmesg: read record by record (~3 us each), synchronously, on the caller's thread
 * (the extension host's), 5,000 records are ~15 ms. The default 256 KiB log holds about 3,000.
 */
const KMSG_MAX_RECORDS = 5_000;
const kmsgRecord = Buffer.allocUnsafe(8192);

/** Reads records until the end of the log; undefined past `max` records or on an error other than the end. */
function readKmsgRecords(fd: number, max: number, keep: (record: string) => void): number | undefined {
  let count = 0;
  for (;;) {
    let length: number;
    try {
      length = readSync(fd, kmsgRecord, 0, kmsgRecord.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') return count;
      // The record under the reader was overwritten: the next read goes on from the oldest one left.
      if (code === 'EPIPE') continue;
      return undefined;
    }
    if (length === 0) return count;
    if (++count > max) return undefined;
    keep(kmsgRecord.toString('latin1', 0, length));
  }
}

/** A /dev/kmsg record as dmesg prints it: "[ 1402.120331] text". */
export function kmsgLine(record: string): string | undefined {
  const semicolon = record.indexOf(';');
  const fields = record.slice(0, semicolon).split(',');
  const micros = Number(fields[2]);
  if (semicolon < 0 || fields.length < 3 || !Number.isFinite(micros)) return undefined;
  const newline = record.indexOf('\n', semicolon);
  const text = record.slice(semicolon + 1, newline < 0 ? undefined : newline);
  const seconds = String(Math.floor(micros / 1e6)).padStart(5);
  return `[${seconds}.${String(micros % 1e6).padStart(6, '0')}] ${text}`;
}

/** /dev/kmsg opened and read to its end, or undefined where it cannot be (dmesg_restrict, no device, too large). */
function markKmsg(): KernelLogPosition | undefined {
  let fd: number;
  try {
    fd = openSync(KMSG, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  if (readKmsgRecords(fd, KMSG_MAX_RECORDS, () => undefined) === undefined) {
    closeSync(fd);
    return undefined;
  }
  return { readable: true, source: 'kmsg', fd };
}

function readNewKmsg(fd: number): { lines: string[]; error?: string } {
  const lines: string[] = [];
  try {
    const read = readKmsgRecords(fd, KMSG_MAX_RECORDS, (record) => {
      const line = kmsgLine(record);
      if (line !== undefined) lines.push(line);
    });
    return read === undefined ? { lines, error: `${KMSG} could not be read to its end` } : { lines };
  } finally {
    closeSync(fd);
  }
}

export async function markKernelLog(): Promise<KernelLogPosition> {
  const kmsg = markKmsg();
  if (kmsg) return kmsg;
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
  if (pos.source === 'kmsg' && pos.fd !== undefined) return readNewKmsg(pos.fd);
  if (pos.source === 'journalctl' && pos.cursor) {
    const j = await runCommand('journalctl', ['-k', '--after-cursor', pos.cursor, '--no-pager', '-q', '-o', 'short-monotonic']);
    return j.ok ? { lines: j.stdout.split('\n').filter((l) => l.trim() !== '') } : { lines: [], error: j.error };
  }
  const d = await runCommand('dmesg', []);
  return d.ok ? { lines: linesAfter(d.stdout, pos) } : { lines: [], error: d.error };
}
