// Before the run: a concurrency above the accept queue's capacity overflows it whenever the server falls behind.
import { analyseBacklog, backlogRemedy, capacityEvidence, describeLimit } from './backlogFixes';
import { defined, settingEvidence } from './counterEvidence';
import type { PreflightRule } from './ruleTypes';

export const BACKLOG_BELOW_CONCURRENCY = 'backlog-below-concurrency';

export const backlogBelowConcurrency: PreflightRule = (facts) => {
  const a = analyseBacklog(facts);
  const conns = facts.target.connections;
  // An overflow needs more than capacity + 1 pending connections.
  if (a.capacity === undefined || conns <= a.capacity + 1) return undefined;
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
