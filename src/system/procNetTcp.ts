// /proc/net/tcp and /proc/net/tcp6: one line per TCP socket of this network namespace, read without any external
// command. Discovery takes the LISTEN rows (with their inodes, to find the owning process); the diagnosis samples
// the accept queues (rx_queue of a LISTEN row) and counts TIME-WAIT sockets during a run.
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';

export const TCP_STATE = { ESTABLISHED: 0x01, SYN_SENT: 0x02, TIME_WAIT: 0x06, LISTEN: 0x0a } as const;

export interface ProcTcpRow {
  family: 4 | 6;
  /** Dotted IPv4, or IPv6 in its canonical compressed form ("::1", "::ffff:7f00:1"). */
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  state: number;
  /** For a LISTEN socket: the accept queue's current length. */
  rxQueue: number;
  txQueue: number;
  inode: number;
}

/** The kernel prints each 32-bit word of the address in host byte order; put the bytes back in network order. */
function wordBytes(hex8: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex8.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

export function decodeProcAddress(hex: string, littleEndian = endianness() === 'LE'): string {
  if (hex.length === 8) return wordBytes(hex, littleEndian).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), littleEndian));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The WHATWG URL parser prints IPv6 in its canonical compressed form.
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/** Parses the text of /proc/net/tcp (family 4) or /proc/net/tcp6 (family 6); the header and odd lines are skipped. */
export function parseProcNetTcp(text: string, family: 4 | 6, littleEndian = endianness() === 'LE'): ProcTcpRow[] {
  const rows: ProcTcpRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0]!)) continue;
    const [la, lp] = f[1]!.split(':');
    const [ra, rp] = f[2]!.split(':');
    const [tx, rx] = f[4]!.split(':');
    if (!la || !lp || !ra || !rp || !tx || !rx) continue;
    rows.push({
      family,
      localAddress: decodeProcAddress(la, littleEndian),
      localPort: parseInt(lp, 16),
      remoteAddress: decodeProcAddress(ra, littleEndian),
      remotePort: parseInt(rp, 16),
      state: parseInt(f[3]!, 16),
      rxQueue: parseInt(rx, 16),
      txQueue: parseInt(tx, 16),
      inode: Number(f[9]),
    });
  }
  return rows;
}

/** Both tables; a missing tcp6 (IPv6 disabled) is fine. Undefined when neither can be read (not Linux). */
export async function readProcNetTcp(procRoot = '/proc'): Promise<ProcTcpRow[] | undefined> {
  const read = (file: string, family: 4 | 6) =>
    readFile(file, 'utf8').then((text) => parseProcNetTcp(text, family), () => undefined);
  const [v4, v6] = await Promise.all([read(`${procRoot}/net/tcp`, 4), read(`${procRoot}/net/tcp6`, 6)]);
  if (!v4 && !v6) return undefined;
  return [...(v4 ?? []), ...(v6 ?? [])];
}
