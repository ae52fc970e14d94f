// TIME-WAIT sockets: the namespace's total from /proc/net/sockstat while the run goes (tiny reads), and, only when
// that total comes near the local port range, those towards the target from ss with a kernel-side filter. The
// client side of them is what uses up ephemeral ports when connections are opened and closed by the client.
import type { TimeWaitCount } from '../shared/findings';
import { runCommand } from '../system/runCommand';


/** Counts `ss -Htn state time-wait` rows (Recv-Q Send-Q Local Peer) by which end is `port`. */
export function countTimeWaitRows(ssText: string, port: number): { onPort: number; clientSide: number } {
  let onPort = 0;
  let clientSide = 0;
  for (const line of ssText.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const portOf = (text: string) => Number(text.slice(text.lastIndexOf(':') + 1));
    const local = portOf(f[2]!);
    const peer = portOf(f[3]!);
    if (local !== port && peer !== port) continue;
    onPort++;
    if (peer === port) clientSide++;
  }
  return { onPort, clientSide };
}

/** The TIME-WAIT sockets with `port` at either end, filtered in the kernel; undefined when ss cannot tell. */
export async function readTimeWaitOnPort(port: number): Promise<{ onPort: number; clientSide: number } | undefined> {
  const out = await runCommand('ss', ['-Htn', 'state', 'time-wait', `( sport = :${port} or dport = :${port} )`]);
  return out.ok ? countTimeWaitRows(out.stdout, port) : undefined;
}
