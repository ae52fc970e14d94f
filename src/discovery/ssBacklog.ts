// The effective listen backlog is not in /proc/net/tcp; `ss -ltn` shows it as Send-Q of a LISTEN row
// (min(listen() argument, net.core.somaxconn)). We join rows by socket inode (`ss -e`), else by address:port.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SsListenRow {
  address: string;
  port: number;
  queued: number;
  backlog: number;
  inode?: number;
}

export function parseSsListen(text: string): SsListenRow[] {
  const rows: SsListenRow[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'LISTEN' || fields.length < 4) continue;
    const local = /^(.*):(\d+)$/.exec(fields[3]!);
    if (!local) continue;
    // "[::1]", "127.0.0.1%lo", "[fe80::1%eth0]", "*" -> bare address without brackets or interface.
    const address = local[1]!.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const inode = /\bino:(\d+)/.exec(line);
    rows.push({
      address,
      port: Number(local[2]),
      queued: Number(fields[1]),
      backlog: Number(fields[2]),
      inode: inode ? Number(inode[1]) : undefined,
    });
  }
  return rows;
}

/** Undefined when `ss` is missing or fails: the backlog then stays unknown. */
export async function readSsListen(): Promise<SsListenRow[] | undefined> {
  try {
    const { stdout } = await run('ss', ['-ltne'], { timeout: 3000 });
    return parseSsListen(stdout);
  } catch {
    return undefined;
  }
}

export function backlogFor(rows: SsListenRow[], socket: { address: string; port: number; inode?: number }): number | undefined {
  const byInode = socket.inode !== undefined ? rows.find((r) => r.inode === socket.inode) : undefined;
  if (byInode) return byInode.backlog;
  const wildcard = socket.address === '0.0.0.0' || socket.address === '::';
  const byAddress = rows.find(
    (r) => r.port === socket.port && (r.address === socket.address || (wildcard && r.address === '*')),
  );
  return byAddress?.backlog;
}
