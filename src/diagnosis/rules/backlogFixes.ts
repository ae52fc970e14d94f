// The fixes that work for a too-small accept queue, in the order that works: raise the server's backlog and
// somaxconn together (the effective capacity is the smaller), accept faster, or lower the concurrency.
import { somaxconnSetting } from '../kernelSettings';
import { recognizeServer, type ServerKind } from '../serverBacklogDefaults';
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
  suggested: number;
}

/** The listener with the smallest accept queue is the one that overflows first. */
export function primaryListener(facts: DiagnosisFacts): ListenerFacts | undefined {
  return [...facts.listeners].sort((a, b) => a.backlog - b.backlog)[0];
}

export function analyseBacklog(facts: DiagnosisFacts): BacklogAnalysis {
  const listener = primaryListener(facts);
  const somaxconn = somaxconnSetting(facts.settings);
  const server = listener ? recognizeServer(listener.argv ?? [], listener.process) : undefined;
  const suggested = suggestedBacklog(facts.target.connections);
  if (!listener) return { somaxconn, server, suggested };
  const capacity = listener.backlog;
  let limit: BacklogLimit | undefined;
  let listenArgument: number | undefined;
  if (somaxconn !== undefined) {
    if (capacity < somaxconn) {
      limit = 'listen-argument';
      listenArgument = capacity;
    } else if (capacity === somaxconn) {
      // listen(fd, n) is clamped to somaxconn: Send-Q == somaxconn means n >= somaxconn, unless n is known to equal it.
      limit = server?.defaultBacklog === somaxconn ? 'both' : 'somaxconn';
      listenArgument = server?.defaultBacklog !== undefined && server.defaultBacklog >= somaxconn ? server.defaultBacklog : undefined;
    } else {
      // somaxconn was lowered after the server called listen(); the old clamp still holds.
      limit = 'listen-argument';
      listenArgument = capacity;
    }
  }
  return { listener, capacity, somaxconn, limit, listenArgument, server, suggested };
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

function backlogFixes(facts: DiagnosisFacts, a: BacklogAnalysis): Fix[] {
  const port = facts.target.port;
  // Raise both together: the effective capacity is the smaller. The one that is the limit now comes first.
  const serverFix: Fix = a.server
    ? a.server.fix(a.suggested, port)
    : {
        title: "Raise the server's listen() backlog",
        kind: 'code',
        snippet: `server.listen({ port: ${port}, backlog: ${a.suggested} })`,
        detail: 'In Node; other servers have a backlog option (uvicorn/gunicorn --backlog, nginx listen ... backlog=).',
      };
  const serverNeeded = a.limit !== 'somaxconn' || (a.server?.defaultBacklog ?? 0) < a.suggested;
  const sysctlNeeded = a.somaxconn === undefined || a.somaxconn < a.suggested;
  const somaxconnFix = sysctlFix(
    'net.core.somaxconn',
    a.suggested,
    'Raise net.core.somaxconn, then restart the server',
    'The kernel clamps the backlog when the server calls listen(): a running server keeps its old capacity.',
  );
  const ordered = a.limit === 'somaxconn' ? [sysctlNeeded && somaxconnFix, serverNeeded && serverFix] : [serverNeeded && serverFix, sysctlNeeded && somaxconnFix];
  const fixes = ordered.filter((f): f is Fix => f !== false);
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
