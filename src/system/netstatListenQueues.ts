// `netstat -Lan -p tcp` on macOS, as Apple's netstat prints it (network_cmds, netstat.tproj/inet.c, protopr()):
//   Current listen queue sizes (qlen/incqlen/maxqlen)
//   Listen         Local Address
//   0/0/128        127.0.0.1.3000
//   3/0/128        *.5173
// Each row is "qlen/incqlen/qlimit" padded to 14 characters ("%-14.14s "), then address.port ("%-22.22s ").
// There is no protocol column: a dual-stack socket prints through inetprint() as "*", exactly like an IPv4-only or
// an IPv6-only wildcard, so "*" says nothing about the family. IPv6 addresses are cut to 16 characters unless -l
// is given. The older BSD layout ("Proto Listen Local Address", "tcp4  0/0/128  *.22") is read as well.
import { runCommand } from './runCommand';
import type { SsListener } from './ssListen';

export interface NetstatListenQueue {
  /** "*" for a wildcard of any family, else the address as printed ("127.0.0.1", "::1", "fe80::1%lo0"). */
  address: string;
  port: number;
  /** Completed connections waiting for accept() (so_qlen). */
  queued: number;
  /** Connections still in the handshake (so_incqlen). */
  incomplete: number;
  /** The accept queue's limit (so_qlimit): min(listen() argument, kern.ipc.somaxconn). */
  limit: number;
  /** Only the older layout tells it: "tcp46". */
  dualStack?: boolean;
}

const ROW = /^(?:(tcp\d*)\s+)?(\d+)\/(\d+)\/(\d+)\s+(\S+)/;

/** "127.0.0.1.3000" -> ["127.0.0.1", 3000]; a port printed as a service name or "*" is not a listener we can use. */
function splitAddressPort(text: string): [string, number] | undefined {
  const cut = text.lastIndexOf('.');
  if (cut <= 0) return undefined;
  const port = Number(text.slice(cut + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  return [text.slice(0, cut), port];
}

export function parseNetstatListenQueues(text: string): NetstatListenQueue[] {
  const rows: NetstatListenQueue[] = [];
  for (const line of text.split('\n')) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    const split = splitAddressPort(m[5]);
    if (!split) continue;
    const row: NetstatListenQueue = { address: split[0], port: split[1], queued: Number(m[2]), incomplete: Number(m[3]), limit: Number(m[4]) };
    if (m[1]) row.dualStack = m[1] === 'tcp46';
    rows.push(row);
  }
  return rows;
}

/** Runs `netstat -Lan -p tcp`; `error` says why it could not be read. */
export async function readNetstatListenQueues(): Promise<{ rows: NetstatListenQueue[]; error?: string }> {
  const out = await runCommand('netstat', ['-Lan', '-p', 'tcp']);
  return out.ok ? { rows: parseNetstatListenQueues(out.stdout) } : { rows: [], error: out.error };
}

/** The same rows for discovery's backlog column; undefined when netstat fails. */
export async function readNetstatListenRows(): Promise<SsListener[] | undefined> {
  const { rows, error } = await readNetstatListenQueues();
  if (error) return undefined;
  return rows.map((r) => ({
    address: r.address,
    port: r.port,
    queued: r.queued,
    backlog: r.limit,
    // "*" may be either family (see above); matching it to both is the safe reading.
    dualStack: r.dualStack ?? r.address === '*',
    processes: [],
  }));
}
