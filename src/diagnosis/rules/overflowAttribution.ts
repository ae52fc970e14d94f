// Which listener the namespace-wide overflow counters belong to. ListenOverflows, ListenDrops and the SYN-cookie
// counters count every socket of the network namespace: another server overflowing at the same time raises them
// just the same. The queues polled during the run (every listener's, every 100 ms) tell them apart.
import type { LoadResult } from '../../shared/result';
import type { ListenerQueueSeen } from '../../shared/findings';
import type { DiagnosisFacts } from './diagnosisFacts';
import { errorCount } from './runSymptoms';

export type OverflowBlame =
  /** No queue was polled (macOS, an unreadable /proc): the counters and the run's own symptoms are all there is. */
  | { kind: 'unobserved' }
  /** The target's queue was seen at its capacity. */
  | { kind: 'target-seen-full'; target: ListenerQueueSeen }
  /** Nobody was seen full, but this run alone can fill the target's queue: it filled between polls. */
  | { kind: 'target-between-polls'; target?: ListenerQueueSeen }
  /** Other listeners were seen full, the target never. */
  | { kind: 'elsewhere'; full: ListenerQueueSeen[]; target?: ListenerQueueSeen; targetCouldFill: boolean }
  /** Nobody was seen full and this run cannot fill the target's queue by itself. */
  | { kind: 'unexplained'; target?: ListenerQueueSeen };

export const seenFull = (q: ListenerQueueSeen): boolean => q.fullPolls > 0;

/** The target's listener whose queue came closest to full. */
export function targetQueue(facts: DiagnosisFacts): ListenerQueueSeen | undefined {
  const ratio = (q: ListenerQueueSeen) => q.peak / Math.max(1, q.capacity ?? q.peak);
  return facts.queues?.listeners.filter((q) => q.target).sort((a, b) => b.fullPolls - a.fullPolls || ratio(b) - ratio(a))[0];
}

/**
 * Whether this run alone can fill the target's queue: more connections than the queue holds, or connections it
 * gave up on after they were established (a response timeout leaves the socket in the queue until accepted).
 */
function runCanFill(facts: DiagnosisFacts, result: LoadResult, target: ListenerQueueSeen | undefined): boolean {
  const capacity = target?.capacity ?? facts.listeners[0]?.backlog;
  if (capacity === undefined) return true;
  return facts.target.connections > capacity || errorCount(result, 'response-timeout') > 0;
}

export function overflowBlame(facts: DiagnosisFacts, result: LoadResult): OverflowBlame {
  if (!facts.queues || facts.queues.polls === 0) return { kind: 'unobserved' };
  const target = targetQueue(facts);
  if (target && seenFull(target)) return { kind: 'target-seen-full', target };
  const couldFill = runCanFill(facts, result, target);
  const full = facts.queues.listeners.filter((q) => !q.target && seenFull(q));
  if (full.length > 0) return { kind: 'elsewhere', full, target, targetCouldFill: couldFill };
  return couldFill ? { kind: 'target-between-polls', target } : { kind: 'unexplained', target };
}

/** True when the overflow counters may be put down to the target. */
export function overflowsAreTargets(blame: OverflowBlame): boolean {
  return blame.kind === 'unobserved' || blame.kind === 'target-seen-full' || blame.kind === 'target-between-polls';
}

/** "port 8001 (python3, pid 42)" */
export function describeListener(q: Pick<ListenerQueueSeen, 'address' | 'port' | 'process' | 'pid'>): string {
  const who = [q.process, q.pid !== undefined ? `pid ${q.pid}` : undefined].filter(Boolean).join(', ');
  return `port ${q.port}${who ? ` (${who})` : ''}`;
}
