// TIME-WAIT sockets towards the target, counted from /proc/net/tcp rows: the client side of them is what uses up
// ephemeral ports when connections are opened and closed by the client.
import { TCP_STATE, type ProcTcpRow } from '../system/procNetTcp';
import type { TimeWaitCount } from '../shared/findings';

export const NO_TIME_WAIT: Readonly<TimeWaitCount> = { total: 0, onPort: 0, clientSide: 0 };

export function countTimeWait(rows: ProcTcpRow[], port: number): TimeWaitCount {
  const c: TimeWaitCount = { ...NO_TIME_WAIT };
  for (const r of rows) {
    if (r.state !== TCP_STATE.TIME_WAIT) continue;
    c.total++;
    if (r.localPort === port || r.remotePort === port) c.onPort++;
    if (r.remotePort === port) c.clientSide++;
  }
  return c;
}

/** The most of each count, e.g. over the samples of a run and the reading after it. */
export function mostTimeWait(a: TimeWaitCount, b: TimeWaitCount): TimeWaitCount {
  return { total: Math.max(a.total, b.total), onPort: Math.max(a.onPort, b.onPort), clientSide: Math.max(a.clientSide, b.clientSide) };
}
