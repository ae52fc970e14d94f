// macOS: the listeners and counters come from Apple's netstat (formats checked against network_cmds'
// netstat.tproj/inet.c, see src/system/netstatListenQueues.ts and netstatTcpStats.ts), the settings from sysctl.
import { listenerAccepts } from '../listenerAddress';
import type { ListenerReading } from '../listenerProbe';
import type { CounterReading } from '../../system/procNetCounters';
import type { ListenerFacts } from '../rules/diagnosisFacts';
import { readNetstatListenQueues, type NetstatListenQueue } from '../../system/netstatListenQueues';
import { readNetstatTcpStats } from '../../system/netstatTcpStats';

/** netstat names no process; dualStack is known only from the older layout's "tcp46". */
export function macListenerFacts(q: NetstatListenQueue): ListenerFacts {
  return { address: q.address, port: q.port, backlog: q.limit, queued: q.queued, dualStack: q.dualStack ?? false };
}

/** The listeners on `port` a connection to one of `addresses` may reach ("*" may be either family: it counts). */
export function matchMacListeners(all: ListenerFacts[], port: number, addresses: string[]): ListenerFacts[] {
  const onPort = all.filter((l) => l.port === port);
  return addresses.length === 0 ? onPort : onPort.filter((l) => addresses.some((a) => listenerAccepts(l, a)));
}

export async function readMacListeners(port: number | undefined, addresses: string[]): Promise<ListenerReading> {
  const { rows, error } = await readNetstatListenQueues();
  if (error) return { readable: false, matched: [], onPort: [], all: [], notes: [`Listening sockets could not be read: ${error}.`], reason: error };
  const all = rows.map(macListenerFacts);
  if (port === undefined) return { readable: true, matched: all, onPort: all, all, notes: [] };
  const onPort = all.filter((l) => l.port === port);
  const notes = onPort.length > 0 ? ['netstat -L names no process: per-server advice is generic.'] : [];
  return { readable: true, matched: matchMacListeners(all, port, addresses), onPort, all: [], notes };
}

export async function readMacCounters(): Promise<CounterReading> {
  const { counters, error } = await readNetstatTcpStats();
  if (error) return { counters: {}, notes: [`TCP statistics could not be read: ${error}.`] };
  if (counters.ListenOverflows === undefined) {
    return { counters, notes: ['netstat -s -p tcp printed no "listen queue overflows" line: accept-queue overflows are not counted.'] };
  }
  return { counters, notes: [] };
}
