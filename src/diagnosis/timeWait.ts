// TIME-WAIT sockets towards the target, counted from /proc/net/tcp rows: the client side of them is what uses up
// ephemeral ports when connections are opened and closed by the client.
import { TCP_STATE, type ProcTcpRow } from '../kernelTables/procNetTcp';

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
