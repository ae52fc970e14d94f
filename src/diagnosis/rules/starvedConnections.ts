// A closed-loop client refills slots at once, so fresh SYNs keep beating retransmitted ones: some connections never
// finish the handshake before the run stops. ab leaves them out of every statistic; we report them.
import { backlogRemedy } from './backlogFixes';
import { counterEvidence, defined } from './counterEvidence';
import type { RunRule } from './ruleTypes';
import { starvedCount } from './runSymptoms';

export const STARVED_CONNECTIONS = 'starved-connections';

export const starvedConnections: RunRule = (facts, result) => {
  const starved = starvedCount(result);
  if (starved < 1) return undefined;
  const longest = result.connections.connectingAtStopMs[0];
  return {
    id: STARVED_CONNECTIONS,
    severity: 'warning',
    title: `${starved} connection${starved === 1 ? ' was' : 's were'} still connecting when the run stopped`,
    explanation:
      'These connections never got through the handshake: their SYNs kept being dropped while other connections took the free places in the queue. Their requests are in no latency figure, so the averages look better than what these clients saw.',
    evidence: defined([
      { label: 'Connecting for >= 0.9 s at stop', value: starved, source: 'run connections.connectingAtStopMs' },
      { label: 'Still connecting at stop (all)', value: result.connections.connectingAtStop, source: 'run connections.connectingAtStop' },
      longest !== undefined ? { label: 'Longest wait (ms)', value: Math.round(longest), source: 'run connections.connectingAtStopMs' } : undefined,
      counterEvidence('TCPSynRetrans', facts.counterDeltas),
    ]),
    ...backlogRemedy(facts),
  };
};
