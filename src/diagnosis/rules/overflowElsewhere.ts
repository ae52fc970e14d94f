// The overflow counters rose, but the target's queue was never seen full and its run could not explain them: say
// what the counters show without blaming the target (a false alarm sends the user to fix a server that was fine).
import { counterEvidence, defined } from './counterEvidence';
import { describeListener, overflowBlame } from './overflowAttribution';
import type { RunRule } from './ruleTypes';
import { runShowsQueueTrouble } from './runSymptoms';

export const OVERFLOW_ELSEWHERE = 'overflow-elsewhere';

export const overflowElsewhere: RunRule = (facts, result) => {
  const overflows = facts.counterDeltas.ListenOverflows ?? 0;
  if (overflows < 1) return undefined;
  const blame = overflowBlame(facts, result);
  if (blame.kind !== 'elsewhere' && blame.kind !== 'unexplained') return undefined;
  // Counters that rose while no queue was seen full and the run went well are other traffic: nothing to say.
  if (blame.kind === 'unexplained' && !runShowsQueueTrouble(result, facts.samples)) return undefined;
  const port = facts.target.port;
  const polls = facts.queues!.polls;
  const t = blame.target;
  const targetSeen = t ? `port ${port}'s queue held at most ${t.peak}${t.capacity !== undefined ? ` of its ${t.capacity}` : ''}` : `port ${port}'s queue was not found in the polls`;
  const full = blame.kind === 'elsewhere' ? blame.full : [];
  const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;
  const fullText = full.map((q) => `${describeListener(q)}, capacity ${q.capacity ?? 'unknown'}, full in ${q.fullPolls} of ${q.polls} polls`).join('; ');
  const canFill = blame.kind === 'elsewhere' && blame.targetCouldFill;
  return {
    id: OVERFLOW_ELSEWHERE,
    severity: 'info',
    title:
      full.length > 0
        ? `Accept queues overflowed ${times(overflows)} on this machine: ${full.map(describeListener).join(', ')} ${full.length === 1 ? 'was' : 'were'} seen full, port ${port} never`
        : `Accept queues overflowed ${times(overflows)} on this machine, but port ${port}'s was never seen full`,
    explanation:
      `ListenOverflows counts every listener of the network namespace, not only port ${port}. Polled every ${facts.queues!.pollMs} ms (${polls} polls), ${targetSeen}. ` +
      (full.length > 0
        ? `The listener seen full: ${fullText}. `
        : `No other listener was seen full either: a queue that fills and drains between two polls leaves only the counters. `) +
      (canFill
        ? `This run's ${facts.target.connections} connections could fill port ${port}'s queue too, so some of the overflows may be its own between polls; none was seen.`
        : `This run's ${facts.target.connections} connections cannot fill port ${port}'s queue by themselves, so nothing shows that port ${port} overflowed.`),
    evidence: defined([
      counterEvidence('ListenOverflows', facts.counterDeltas, 'ListenOverflows (every listener)'),
      t ? { label: `Longest accept queue seen on port ${port}`, value: `${t.peak}/${t.capacity ?? '?'}`, source: `polled /proc/net/tcp{,6} rx_queue every ${facts.queues!.pollMs} ms` } : undefined,
      ...full.map((q) => ({ label: `Seen full: ${describeListener(q)}`, value: `${q.peak}/${q.capacity ?? '?'} in ${q.fullPolls} of ${q.polls} polls`, source: 'polled /proc/net/tcp{,6} rx_queue, ss -ltn Send-Q' })),
      { label: 'Concurrent connections of the run', value: facts.target.connections, source: 'run options' },
    ]),
    fixes: [],
  };
};
