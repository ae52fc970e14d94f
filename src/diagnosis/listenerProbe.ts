// Finds the target's listening sockets with their real accept-queue capacity (ss Send-Q) and, where ss -p may
// see it, the owning process and its command line.
import { matchListeners } from './listenerAddress';
import type { ListenerFacts } from './rules/diagnosisFacts';
import { runCommand } from '../system/runCommand';
import { readProcCommandLine } from '../system/procCommandLine';
import { parseSsListen, type SsListener } from '../system/ssListen';

export interface ListenerReading {
  readable: boolean;
  /** Listeners the addresses reach. */
  matched: ListenerFacts[];
  /** Every listener on the port. */
  onPort: ListenerFacts[];
  /** Every listener (for an overview without a port). */
  all: ListenerFacts[];
  notes: string[];
  /** Why the listeners could not be read (readable false), e.g. "ss is not installed". */
  reason?: string;
}

async function toFacts(l: SsListener, withArgv: boolean): Promise<ListenerFacts> {
  const owner = l.processes[0];
  const f: ListenerFacts = { address: l.address, port: l.port, backlog: l.backlog, queued: l.queued, dualStack: l.dualStack };
  if (owner) {
    f.pid = owner.pid;
    f.process = owner.name;
    if (withArgv) f.argv = await readProcCommandLine(owner.pid);
  }
  return f;
}

export async function readLinuxListeners(port: number | undefined, addresses: string[]): Promise<ListenerReading> {
  const notes: string[] = [];
  let out = await runCommand('ss', ['-ltnp']);
  if (!out.ok) {
    // Some restricted environments refuse -p; plain -ltn is enough for the queues.
    out = await runCommand('ss', ['-ltn']);
  }
  if (!out.ok) {
    notes.push(`Listening sockets could not be read: ${out.error}. Install iproute2 for ss.`);
    return { readable: false, matched: [], onPort: [], all: [], notes, reason: out.error };
  }
  const parsed = parseSsListen(out.stdout);
  const onPortSs = port === undefined ? parsed : parsed.filter((l) => l.port === port);
  const matchedSs = port === undefined ? parsed : matchListeners(parsed, port, addresses);
  const onPort = await Promise.all(onPortSs.map((l) => toFacts(l, matchedSs.includes(l))));
  const matched = onPort.filter((_, i) => matchedSs.includes(onPortSs[i]));
  if (port !== undefined && onPort.length > 0 && onPort.every((l) => l.pid === undefined)) {
    notes.push('ss -p did not show the owning process (another user\'s or another namespace\'s): per-server advice is generic.');
  }
  return { readable: true, matched, onPort, all: port === undefined ? onPort : [], notes };
}
