// The fixes that work for a too-small accept queue, in the order that works: raise the server's backlog and
// somaxconn together (the effective capacity is the smaller), accept faster, or lower the concurrency.
import { somaxconnSetting } from '../kernelSettings';
import { recognizeServer, type ServerKind } from '../serverBacklogDefaults';
import type { ListenCallInCode, ServerContext } from '../serverContext';
import { printable } from '../../shared/printableText';
import { suggestedBacklog, sysctlFix } from '../sysctlFix';
import type { Evidence, Fix, FindingSubject } from '../../shared/findings';
import type { DiagnosisFacts, ListenerFacts } from './diagnosisFacts';

export type BacklogLimit = 'listen-argument' | 'somaxconn' | 'both';

export interface BacklogAnalysis {
  listener?: ListenerFacts;
  capacity?: number;
  somaxconn?: number;
  limit?: BacklogLimit;
  /** The listen() argument when it can be told: Send-Q below somaxconn, or the server's known default. */
  listenArgument?: number;
  server?: ServerKind;
  /** The listener's owner: command line, cwd, the listen call in its code. */
  context?: ServerContext;
  /** What the server passes to listen() as far as its code or its default tells; unknown for an expression. */
  passes?: number;
  suggested: number;
}

/** The listener with the smallest accept queue is the one that overflows first. */
export function primaryListener(facts: DiagnosisFacts): ListenerFacts | undefined {
  return [...facts.listeners].sort((a, b) => a.backlog - b.backlog)[0];
}

/** The owner of the listener as the advice sees it: facts.server when read, else what ss and /proc/PID/cmdline gave. */
function serverContextOf(facts: DiagnosisFacts, listener: ListenerFacts | undefined): ServerContext | undefined {
  if (!listener) return undefined;
  if (facts.server && facts.server.pid === listener.pid) return facts.server;
  return { pid: listener.pid, argv: listener.argv ?? [], processName: listener.process, address: listener.address };
}

/** The backlog the code passes: its literal, the API's default when it passes none, unknown for an expression. */
function codeBacklog(call: ListenCallInCode): number | undefined {
  if (call.backlog !== undefined) return call.backlog;
  if (call.backlogExpression !== undefined) return undefined;
  return typeof call.defaultBacklog === 'number' ? call.defaultBacklog : undefined;
}

export function analyseBacklog(facts: DiagnosisFacts): BacklogAnalysis {
  const listener = primaryListener(facts);
  const somaxconn = somaxconnSetting(facts.settings);
  const context = serverContextOf(facts, listener);
  const server = listener ? recognizeServer(listener.argv ?? [], listener.process, context) : undefined;
  const suggested = suggestedBacklog(facts.target.connections);
  if (!listener) return { somaxconn, server, suggested };
  const capacity = listener.backlog;
  // What the code passes, read from the code itself, beats the server's default.
  const call = context?.listenCall;
  const passes = call ? codeBacklog(call) : server?.defaultBacklog;
  let limit: BacklogLimit | undefined;
  let listenArgument: number | undefined;
  if (somaxconn !== undefined) {
    if (capacity < somaxconn) {
      limit = 'listen-argument';
      listenArgument = capacity;
    } else if (capacity === somaxconn) {
      // listen(fd, n) is clamped to somaxconn: Send-Q == somaxconn means n >= somaxconn, unless n is known to equal it.
      limit = passes === somaxconn ? 'both' : 'somaxconn';
      listenArgument = passes !== undefined && passes >= somaxconn ? passes : undefined;
    } else {
      // somaxconn was lowered after the server called listen(); the old clamp still holds.
      limit = 'listen-argument';
      listenArgument = capacity;
    }
  }
  return { listener, capacity, somaxconn, limit, listenArgument, server, context, passes, suggested };
}

export function describeLimit(a: BacklogAnalysis): string {
  if (a.capacity === undefined) return 'The listener was not found with ss, so its accept-queue capacity is unknown.';
  if (a.limit === 'listen-argument')
    return `The limit is the server's listen() backlog argument (${a.capacity}), below net.core.somaxconn (${a.somaxconn}).`;
  if (a.limit === 'somaxconn')
    return `The limit is net.core.somaxconn (${a.somaxconn}): the kernel clamps the server's listen() backlog${
      a.listenArgument !== undefined ? ` (${a.listenArgument})` : ''
    } to it.`;
  if (a.limit === 'both') return `The server's listen() backlog and net.core.somaxconn are both ${a.capacity}.`;
  return `The accept queue holds ${a.capacity} connections.`;
}

/**
 * Does the server's own backlog need raising, beyond somaxconn? Yes when it is the limit (or equal to it); not when
 * it asks for somaxconn itself (Go, Hugo) or already passes enough for this run (PHP's 4096, Node's 511 for 50).
 * Unknown: only when ss shows it is the limit.
 */
function serverBacklogNeeded(facts: DiagnosisFacts, a: BacklogAnalysis): boolean {
  if (a.server?.followsSomaxconn) return false;
  if (a.limit === 'listen-argument' || a.limit === 'both') return (a.capacity ?? 0) < a.suggested;
  const own = a.listenArgument ?? a.passes;
  if (own === undefined) return a.limit === undefined;
  return own < Math.min(a.suggested, 2 * facts.target.connections);
}

/** The change in the server's own terms; for a server we do not know, words without code. */
function serverFix(facts: DiagnosisFacts, a: BacklogAnalysis): Fix {
  if (a.server && a.context) {
    return a.server.fix({ backlog: a.suggested, port: facts.target.port, server: a.context, passes: a.limit === 'listen-argument' ? a.listenArgument : undefined });
  }
  const name = a.context?.argv[0]?.split('/').pop() ?? a.listener?.process;
  const who = name ? ` (${printable(name).slice(0, 60)})` : '';
  return {
    title: "Raise the backlog the server passes to listen()",
    kind: 'advice',
    detail: `The server${who} was not recognised, so no code is suggested: look for its backlog option (often "backlog"), or the listen() call on its socket, and set it to ${a.suggested}.`,
  };
}

function backlogFixes(facts: DiagnosisFacts, a: BacklogAnalysis): Fix[] {
  // Raise both together: the effective capacity is the smaller. The one that is the limit now comes first.
  const serverNeeded = serverBacklogNeeded(facts, a);
  const sysctlNeeded = a.somaxconn === undefined || a.somaxconn < a.suggested;
  const somaxconnFix = sysctlFix(
    'net.core.somaxconn',
    a.suggested,
    'Raise net.core.somaxconn, then restart the server',
    a.server?.followsSomaxconn
      ? `${a.server.name} passes somaxconn to listen() when it starts: restarted, it listens with the new value.`
      : 'The kernel clamps the backlog when the server calls listen(): a running server keeps its old capacity.',
  );
  const fix = serverNeeded ? serverFix(facts, a) : undefined;
  const ordered = a.limit === 'somaxconn' ? [sysctlNeeded && somaxconnFix, fix] : [fix, sysctlNeeded && somaxconnFix];
  const fixes = ordered.filter((f): f is Fix => Boolean(f));
  fixes.push({
    title: 'Accept faster, or lower the concurrency',
    kind: 'advice',
    detail: `More workers or a server that does not block its accept loop empty the queue sooner; a concurrency of ${facts.target.connections} against a queue of ${a.capacity ?? 'unknown size'} will overflow whenever the server falls behind.`,
  });
  return fixes;
}

function backlogSubjects(facts: DiagnosisFacts, a: BacklogAnalysis): FindingSubject[] {
  const subjects: FindingSubject[] = [
    {
      kind: 'listen-backlog',
      port: facts.target.port,
      pid: a.listener?.pid,
      effective: a.capacity,
      listenArgument: a.listenArgument,
      suggested: a.suggested,
    },
  ];
  if (a.limit === 'somaxconn' || a.limit === 'both' || (a.somaxconn !== undefined && a.somaxconn < a.suggested)) {
    subjects.push({ kind: 'sysctl', key: 'net.core.somaxconn', current: a.somaxconn?.toString(), suggested: String(a.suggested) });
  }
  return subjects;
}

/** What every finding whose cure is a larger accept queue carries: the fixes, and the subjects the editor hints place. */
export function backlogRemedy(facts: DiagnosisFacts, a: BacklogAnalysis = analyseBacklog(facts)): { fixes: Fix[]; subjects: FindingSubject[] } {
  return { fixes: backlogFixes(facts, a), subjects: backlogSubjects(facts, a) };
}

/** The accept queue's capacity as ss shows it, when the listener was found. */
export function capacityEvidence(facts: DiagnosisFacts, a: BacklogAnalysis): Evidence | undefined {
  if (a.capacity === undefined) return undefined;
  return { label: `Accept queue capacity of ${a.listener?.address}:${facts.target.port}`, value: a.capacity, source: 'ss -ltn Send-Q' };
}
