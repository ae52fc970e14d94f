// The LISTEN rows of /proc/net/tcp{,6}, read without the rest of the table. The kernel lists the listening hash
// before the established one, so the first row in another state ends the listeners. Reading stops there: the kernel
// only formats what is read, so a machine holding 30,000 TIME-WAIT sockets (~4.5 MB of text per read of the whole
// table) costs no more than one with none. Synchronous on purpose: it runs in the sampler's own thread.
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeProcAddress, TCP_STATE } from './procNetTcp';

export interface ListenRow {
  family: 4 | 6;
  /** Canonical address: dotted IPv4, compressed IPv6 ("::", "::1", "::ffff:7f00:1"). */
  address: string;
  port: number;
  /** Accept queue length now (rx_queue of a LISTEN row). */
  queued: number;
}

/** Enough for ~100 rows (150 bytes each); a machine with more listeners takes a second read. */
const CHUNK_BYTES = 16 * 1024;
const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
/** Listeners are few and stay: decode each address text once. */
const decoded = new Map<string, string>();

function address(hex: string): string {
  let a = decoded.get(hex);
  if (a === undefined) {
    a = decodeProcAddress(hex);
    if (decoded.size < 4096) decoded.set(hex, a);
  }
  return a;
}

/**
 * Parses the LISTEN rows at the start of a /proc/net/tcp{,6} text. `ended` is true once a row in another state (or
 * the end of the text) shows that no listener follows; a trailing partial line is left for the next read.
 */
export function parseListenPrefix(text: string, family: 4 | 6, rows: ListenRow[]): { ended: boolean; rest: string } {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) return { ended: false, rest: text.slice(start) };
    const line = text.slice(start, end);
    start = end + 1;
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0]!)) continue; // the header
    if (parseInt(f[3]!, 16) !== TCP_STATE.LISTEN) return { ended: true, rest: '' };
    const [la, lp] = f[1]!.split(':');
    const rx = f[4]!.split(':')[1];
    if (!la || !lp || !rx) continue;
    rows.push({ family, address: address(la), port: parseInt(lp, 16), queued: parseInt(rx, 16) });
  }
}

function readListenFile(path: string, family: 4 | 6, rows: ListenRow[]): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    let rest = '';
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) {
        if (rest) parseListenPrefix(`${rest}\n`, family, rows);
        return true;
      }
      const parsed = parseListenPrefix(rest + chunk.toString('latin1', 0, n), family, rows);
      if (parsed.ended) return true;
      rest = parsed.rest;
    }
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
}

/** The listeners of this network namespace with their accept queues now; undefined when neither file is readable. */
export function readListenRows(procRoot = '/proc'): ListenRow[] | undefined {
  const rows: ListenRow[] = [];
  const v4 = readListenFile(`${procRoot}/net/tcp`, 4, rows);
  const v6 = readListenFile(`${procRoot}/net/tcp6`, 6, rows);
  return v4 || v6 ? rows : undefined;
}
