// Kernel counters are shared by every socket of the namespace. These are the run's own symptoms that tie a
// counter's rise to this run rather than to other traffic.
import type { ErrorCause, LoadResult } from '../../shared/result';
import type { KernelSample } from '../../shared/findings';

/** A SYN answered only after the first retransmission takes >= 1 s; 900 ms leaves room for timer slack. */
export const SLOW_CONNECT_MS = 900;

export function errorCount(result: LoadResult, ...causes: ErrorCause[]): number {
  return causes.reduce((sum, c) => sum + (result.errors.byCause[c] ?? 0), 0);
}

/** Connects that took >= SLOW_CONNECT_MS, from the distribution (buckets straddling the line count in part). */
export function slowConnectCount(result: LoadResult): number {
  let n = 0;
  for (const b of result.distributions.connect) {
    if (b.toMs <= SLOW_CONNECT_MS || b.count === 0) continue;
    if (b.fromMs >= SLOW_CONNECT_MS) n += b.count;
    else n += (b.count * (b.toMs - SLOW_CONNECT_MS)) / (b.toMs - b.fromMs);
  }
  if (n === 0 && result.latency.connect.max >= SLOW_CONNECT_MS) n = 1;
  return Math.round(n);
}

export function starvedCount(result: LoadResult): number {
  return result.connections.connectingAtStopMs.filter((ms) => ms >= SLOW_CONNECT_MS).length;
}

/** The listener's accept queue seen at its capacity in some sample. */
export function maxQueueSeen(samples: KernelSample[]): { length: number; capacity: number } | undefined {
  let best: { length: number; capacity: number } | undefined;
  for (const s of samples) {
    if (!s.acceptQueue) continue;
    if (!best || s.acceptQueue.length > best.length) best = s.acceptQueue;
  }
  return best;
}

export function queueSeenFull(samples: KernelSample[]): boolean {
  const m = maxQueueSeen(samples);
  return m !== undefined && m.capacity > 0 && m.length >= m.capacity;
}

/** Signs, in the run's own numbers, of connections that the listener's queues held back or refused. */
export function runShowsQueueTrouble(result: LoadResult, samples: KernelSample[]): boolean {
  return (
    slowConnectCount(result) > 0 ||
    starvedCount(result) > 0 ||
    errorCount(result, 'ECONNRESET', 'connect-timeout', 'ETIMEDOUT', 'response-timeout', 'closed-by-peer', 'EPIPE') > 0 ||
    queueSeenFull(samples)
  );
}
