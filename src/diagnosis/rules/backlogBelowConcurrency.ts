// Before the run: a concurrency above the accept queue's capacity overflows it whenever the server falls behind.
import { analyseBacklog, backlogRemedy, capacityEvidence, describeLimit } from './backlogFixes';
import { defined, settingEvidence } from './counterEvidence';
import type { PreflightRule } from './ruleTypes';

export const BACKLOG_BELOW_CONCURRENCY = 'backlog-below-concurrency';

export const backlogBelowConcurrency: PreflightRule = (facts) => {
  const a = analyseBacklog(facts);
  const conns = facts.target.connections;
  // Linux overflows beyond capacity + 1 pending connections (sk_acceptq_is_full compares with >); XNU refuses at
  // so_qlen >= so_qlimit (sonewconn with the default soqlimitcompat=1), so beyond the capacity itself.
  const room = facts.platform === 'darwin' ? a.capacity : a.capacity !== undefined ? a.capacity + 1 : undefined;
  if (room === undefined || conns <= room) return undefined;
  return {
    id: BACKLOG_BELOW_CONCURRENCY,
    severity: 'warning',
    title: `${conns} connections, but the accept queue of port ${facts.target.port} holds ${a.capacity}`,
    explanation: `If the server stops accepting for a moment, connections beyond ${a.capacity} are dropped by the kernel and retried after 1 s or more. ${describeLimit(a)}`,
    evidence: defined([
      capacityEvidence(facts, a),
      settingEvidence('net.core.somaxconn', facts.settings),
      { label: 'Concurrent connections', value: conns, source: 'run options' },
    ]),
    ...backlogRemedy(facts, a),
  };
};
