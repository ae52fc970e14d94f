// macOS: the listeners and counters come from Apple's netstat (formats checked against network_cmds'
// netstat.tproj/inet.c, see netstatListenQueues.ts and netstatTcpStats.ts), the settings from sysctl.
import { listenerAccepts } from '../listenerAddress';
import type { ListenerReading } from '../listenerProbe';
import type { CounterReading } from '../../system/procNetCounters';
import type { ListenerFacts } from '../rules/diagnosisFacts';
import { runCommand } from '../../system/runCommand';
import { parseNetstatListenQueues, type NetstatListenQueue } from '../../system/netstatListenQueues';
import { parseNetstatTcpStats } from '../../system/netstatTcpStats';

export const NETSTAT_LISTEN_ARGS = ['-Lan', '-p', 'tcp'];
export const NETSTAT_TCP_STATS_ARGS = ['-s', '-p', 'tcp'];

function toFacts(q: NetstatListenQueue): ListenerFacts {
  // netstat names no process; dualStack is known only from the older layout's "tcp46".
  return { address: q.address, port: q.port, backlog: q.limit, queued: q.queued, dualStack: q.dualStack ?? false };
}

/** Every listener in `netstat -Lan -p tcp` output. */
export function macListenerFacts(netstatOutput: string): ListenerFacts[] {
  return parseNetstatListenQueues(netstatOutput).map(toFacts);
}

/** The listeners on `port` a connection to one of `addresses` may reach ("*" may be either family: it counts). */
export function matchMacListeners(all: ListenerFacts[], port: number, addresses: string[]): ListenerFacts[] {
  const onPort = all.filter((l) => l.port === port);
  return addresses.length === 0 ? onPort : onPort.filter((l) => addresses.some((a) => listenerAccepts(l, a)));
}

export async function readMacListeners(port: number | undefined, addresses: string[]): Promise<ListenerReading> {
  const out = await runCommand('netstat', NETSTAT_LISTEN_ARGS);
  if (!out.ok) {
    return { readable: false, matched: [], onPort: [], all: [], notes: [`Listening sockets could not be read: ${out.error}.`], reason: out.error };
  }
  const all = macListenerFacts(out.stdout);
  if (port === undefined) return { readable: true, matched: all, onPort: all, all, notes: [] };
  const onPort = all.filter((l) => l.port === port);
  const notes = onPort.length > 0 ? ['netstat -L names no process: per-server advice is generic.'] : [];
  return { readable: true, matched: matchMacListeners(all, port, addresses), onPort, all: [], notes };
}

export async function readMacCounters(): Promise<CounterReading> {
  const out = await runCommand('netstat', NETSTAT_TCP_STATS_ARGS);
  if (!out.ok) return { counters: {}, notes: [`TCP statistics could not be read: ${out.error}.`] };
  const counters = parseNetstatTcpStats(out.stdout);
  if (counters.ListenOverflows === undefined) return { counters, notes: ['netstat -s -p tcp printed no "listen queue overflows" line: accept-queue overflows are not counted.'] };
  return { counters, notes: [] };
}
