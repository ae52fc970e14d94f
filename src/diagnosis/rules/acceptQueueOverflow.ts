// Accept queue full: the kernel drops the SYN (or the final ACK) silently, ListenOverflows and ListenDrops rise
// together and the client retransmits. The fix depends on which of listen() arg and somaxconn is the limit.
import { analyseBacklog, backlogRemedy, capacityEvidence, describeLimit } from './backlogFixes';
import { counterEvidence, defined, settingEvidence } from './counterEvidence';
import { overflowBlame, overflowsAreTargets, type OverflowBlame } from './overflowAttribution';
import type { DiagnosisFacts } from './diagnosisFacts';
import type { RunRule } from './ruleTypes';
import { maxQueueSeen, runShowsQueueTrouble, SLOW_CONNECT_MS, slowConnectCount, starvedCount, errorCount } from './runSymptoms';

export const ACCEPT_QUEUE_OVERFLOW = 'accept-queue-overflow';

export const acceptQueueOverflow: RunRule = (facts, result) => {
  const overflows = facts.counterDeltas.ListenOverflows ?? 0;
  if (overflows < 1 || !runShowsQueueTrouble(result, facts.samples)) return undefined;
  const blame = overflowBlame(facts, result);
  if (!overflowsAreTargets(blame)) return undefined;
  const a = analyseBacklog(facts);
  const conns = facts.target.connections;
  const slow = slowConnectCount(result);
  const hurt = slow + starvedCount(result) + errorCount(result, 'ECONNRESET', 'connect-timeout', 'ETIMEDOUT');
  const vs =
    a.capacity === undefined
      ? ''
      : conns > a.capacity + 1
        ? ` The run kept ${conns} connections in flight, more than the queue's ${a.capacity} (+1): whenever the server fell behind, new connections found it full.`
        : ` The run used ${conns} connections, within the queue's ${a.capacity}, so the server stopped accepting for a while (busy event loop or too few workers).`;
  return {
    id: ACCEPT_QUEUE_OVERFLOW,
    severity: hurt > 0 ? 'error' : 'warning',
    title: `Accept queue overflowed ${overflows} time${overflows === 1 ? '' : 's'} on port ${facts.target.port}`,
    explanation:
      `Connections that finished the handshake found the listener's accept queue full, so the kernel dropped them silently and the clients retransmitted their SYNs (seconds of delay, or resets). ${describeLimit(a)}` +
      vs,
    evidence: defined([
      counterEvidence('ListenOverflows', facts.counterDeltas),
      counterEvidence('ListenDrops', facts.counterDeltas),
      capacityEvidence(facts, a),
      settingEvidence('net.core.somaxconn', facts.settings),
      // The server's default only tells the listen() argument when Send-Q does not (somaxconn clamped it).
      a.server?.defaultBacklog !== undefined && a.limit !== 'listen-argument'
        ? { label: `Default listen() backlog of ${a.server.name}`, value: a.server.defaultBacklog, source: `/proc/${a.listener?.pid}/cmdline` }
        : undefined,
      { label: 'Concurrent connections of the run', value: conns, source: 'run options' },
      queueSeenEvidence(facts, blame, overflows),
      slow > 0 ? { label: `Slow connects (>= ${SLOW_CONNECT_MS / 1000} s)`, value: slow, source: 'run connect-time distribution' } : undefined,
    ]),
    ...backlogRemedy(facts, a),
  };
};

/** The longest queue seen, and never "0 seen" next to counters that prove it filled: then it filled between polls. */
function queueSeenEvidence(facts: DiagnosisFacts, blame: OverflowBlame, overflows: number) {
  if (blame.kind === 'unobserved') {
    const seen = maxQueueSeen(facts.samples);
    return seen ? { label: 'Longest accept queue seen', value: `${seen.length}/${seen.capacity}`, source: 'sampled /proc/net/tcp rx_queue during the run' } : undefined;
  }
  const q = blame.target;
  if (!q) return undefined;
  const source = `polled /proc/net/tcp{,6} rx_queue every ${facts.queues!.pollMs} ms (${facts.queues!.polls} polls)`;
  const ofCapacity = `${q.peak}/${q.capacity ?? '?'}`;
  // Linux counts a queue full only once it holds more than the backlog (sk_acceptq_is_full: ">"), so 6/5 is real.
  const overBy = q.capacity !== undefined && q.peak > q.capacity ? ' (Linux takes one more than the backlog before it is full)' : '';
  if (blame.kind === 'target-seen-full') return { label: 'Accept queue seen full', value: `${ofCapacity} in ${q.fullPolls} of ${q.polls} polls${overBy}`, source };
  return { label: 'Longest accept queue seen', value: `${ofCapacity}; it filled between polls (ListenOverflows rose by ${overflows})`, source };
}
