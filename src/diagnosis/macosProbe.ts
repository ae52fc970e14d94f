// macOS: the commands exist but give less (no SYN-cookie counters). This path is written from the documented
// output formats and has not been verified on a Mac.
import type { ListenerReading } from './listenerProbe';
import type { CounterReading } from '../system/procNetCounters';
import type { ListenerFacts } from './rules/diagnosisFacts';
import { runCommand } from '../system/runCommand';

/** `netstat -Lan`: "tcp4  0/0/128  127.0.0.1.3000" (qlen/incqlen/maxqlen, address.port). */
export function parseNetstatLan(text: string): ListenerFacts[] {
  const out: ListenerFacts[] = [];
  for (const line of text.split('\n')) {
    const m = /^(tcp[46]*)\s+(\d+)\/(\d+)\/(\d+)\s+(\S+)/.exec(line.trim());
    if (!m) continue;
    const cut = m[5].lastIndexOf('.');
    const port = Number(m[5].slice(cut + 1));
    if (cut < 0 || !Number.isInteger(port)) continue;
    const address = m[5].slice(0, cut);
    out.push({ address, port, queued: Number(m[2]), backlog: Number(m[4]), dualStack: address === '*' && m[1] === 'tcp46' });
  }
  return out;
}

/** `netstat -s -p tcp`: the line "N listen queue overflows" -> ListenOverflows. */
export function parseNetstatTcpStats(text: string): Record<string, number> {
  const m = /(\d+)\s+listen queue overflows?/i.exec(text);
  return m ? { ListenOverflows: Number(m[1]) } : {};
}

/** netstat cannot tell which listener an address reaches: every listener on the port counts as matched. */
export async function readMacListeners(port: number | undefined): Promise<ListenerReading> {
  const out = await runCommand('netstat', ['-Lan', '-p', 'tcp']);
  if (!out.ok) return { readable: false, matched: [], onPort: [], all: [], notes: [`Listening sockets could not be read: ${out.error}.`] };
  const all = parseNetstatLan(out.stdout);
  const onPort = port === undefined ? all : all.filter((l) => l.port === port);
  return { readable: true, matched: onPort, onPort, all: port === undefined ? all : [], notes: [] };
}

export async function readMacCounters(): Promise<CounterReading> {
  const out = await runCommand('netstat', ['-s', '-p', 'tcp']);
  if (!out.ok) return { counters: {}, notes: [`TCP statistics could not be read: ${out.error}.`] };
  return { counters: parseNetstatTcpStats(out.stdout), notes: ['macOS has no SYN-cookie counters; only listen queue overflows are read.'] };
}
