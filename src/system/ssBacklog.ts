// The effective listen backlog is not in /proc/net/tcp; `ss -ltn` shows it as Send-Q of a LISTEN row
// (min(listen() argument, net.core.somaxconn)). We join rows by socket inode (`ss -e`), else by address:port.
import { runCommand } from './runCommand';
import { parseSsListen, type SsListener } from './ssListen';

/** Undefined when `ss` is missing or fails: the backlog then stays unknown. */
export async function readSsListen(): Promise<SsListener[] | undefined> {
  const out = await runCommand('ss', ['-ltne']);
  return out.ok ? parseSsListen(out.stdout) : undefined;
}

export function backlogFor(rows: SsListener[], socket: { address: string; port: number; inode?: number }): number | undefined {
  const byInode = socket.inode !== undefined ? rows.find((r) => r.inode === socket.inode) : undefined;
  if (byInode) return byInode.backlog;
  const wildcard = socket.address === '0.0.0.0' || socket.address === '::';
  const byAddress = rows.find(
    (r) => r.port === socket.port && (r.address === socket.address || (wildcard && r.address === '*')),
  );
  return byAddress?.backlog;
}
