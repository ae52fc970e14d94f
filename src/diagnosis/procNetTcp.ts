// /proc/net/tcp and /proc/net/tcp6: one line per socket of this network namespace. Cheap to read during a run:
// for a LISTEN socket rx_queue is the accept queue's current length (the capacity is only in ss's Send-Q).
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';

export const TCP_STATE = { ESTABLISHED: 0x01, SYN_SENT: 0x02, TIME_WAIT: 0x06, LISTEN: 0x0a } as const;

export interface ProcTcpRow {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  state: number;
  rxQueue: number;
  txQueue: number;
}

/** Each 32-bit word is printed as the integer the kernel holds, so on little-endian hosts its bytes are reversed. */
function decodeHexAddress(hex: string, littleEndian: boolean): string {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    const b = [0, 2, 4, 6].map((i) => parseInt(word.slice(i, i + 2), 16));
    bytes.push(...(littleEndian ? b.reverse() : b));
  }
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

export function parseProcNetTcp(text: string, littleEndian = endianness() === 'LE'): ProcTcpRow[] {
  const rows: ProcTcpRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || !/^\d+:$/.test(f[0])) continue;
    const [la, lp] = f[1].split(':');
    const [ra, rp] = f[2].split(':');
    const [tx, rx] = f[4].split(':');
    if (!la || !lp || !ra || !rp || !tx || !rx) continue;
    rows.push({
      localAddress: decodeHexAddress(la, littleEndian),
      localPort: parseInt(lp, 16),
      remoteAddress: decodeHexAddress(ra, littleEndian),
      remotePort: parseInt(rp, 16),
      state: parseInt(f[3], 16),
      rxQueue: parseInt(rx, 16),
      txQueue: parseInt(tx, 16),
    });
  }
  return rows;
}

/** Both files; a missing tcp6 (IPv6 disabled) is fine. Returns undefined when neither is readable. */
export async function readProcNetTcp(): Promise<ProcTcpRow[] | undefined> {
  const read = (p: string) => readFile(p, 'utf8').then(parseProcNetTcp, () => undefined);
  const [v4, v6] = await Promise.all([read('/proc/net/tcp'), read('/proc/net/tcp6')]);
  if (!v4 && !v6) return undefined;
  return [...(v4 ?? []), ...(v6 ?? [])];
}

export interface TimeWaitCount {
  total: number;
  /** Either end is the target port: the run's own connections. */
  onPort: number;
  /**
   * The client closed first: the TIME-WAIT socket holds a local (ephemeral) port towards the target. Only these
   * use up ip_local_port_range; a server-side TIME-WAIT is taken over by the next SYN of the same 4-tuple.
   */
  clientSide: number;
}

export function countTimeWait(rows: ProcTcpRow[], port: number): TimeWaitCount {
  const c: TimeWaitCount = { total: 0, onPort: 0, clientSide: 0 };
  for (const r of rows) {
    if (r.state !== TCP_STATE.TIME_WAIT) continue;
    c.total++;
    if (r.localPort === port || r.remotePort === port) c.onPort++;
    if (r.remotePort === port) c.clientSide++;
  }
  return c;
}
