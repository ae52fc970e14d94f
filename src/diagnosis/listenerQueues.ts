// Every listener's accept queue, polled often enough to see bursts: the counters (ListenOverflows...) count for the
// whole network namespace, so only the queues seen full can say which listener overflowed.
import type { ListenerQueueSeen } from '../shared/findings';
import type { ListenRow } from '../system/procNetListen';
import { canonicalAddress } from './listenerAddress';


export interface KnownListener {
  address: string;
  port: number;
  backlog: number;
  pid?: number;
  process?: string;
}

/** ss prints "*" for a dual-stack wildcard; /proc/net/tcp6 has it as "::". */
export function listenerKey(address: string, port: number): string {
  return `${canonicalAddress(address === '*' ? '::' : address)}|${port}`;
}

export class ListenerQueueTracker {
  private readonly seen = new Map<string, ListenerQueueSeen>();
  private readonly known = new Map<string, KnownListener>();
  /** Longest target queue since the last takeWindowPeak(), as length/capacity. */
  private windowPeak: { length: number; capacity: number } | undefined;
  polls = 0;

  constructor(
    known: KnownListener[],
    private readonly targetKeys: ReadonlySet<string>,
  ) {
    for (const l of known) this.known.set(listenerKey(l.address, l.port), l);
  }

  /** One poll's rows; `targetPoll` is false when the target's family was not in it. */
  observe(rows: ListenRow[], targetPoll = true): void {
    if (targetPoll) this.polls++;
    // A listener on both families under one key (v4 0.0.0.0 and v6 :: differ, so only true duplicates add up).
    const lengths = new Map<string, { row: ListenRow; length: number }>();
    for (const r of rows) {
      const key = listenerKey(r.address, r.port);
      const l = lengths.get(key);
      if (l) l.length += r.queued;
      else lengths.set(key, { row: r, length: r.queued });
    }
    let targetLength: number | undefined;
    let targetCapacity = 0;
    for (const [key, { row, length }] of lengths) {
      let s = this.seen.get(key);
      if (!s) {
        const k = this.known.get(key);
        s = { address: row.address, port: row.port, capacity: k?.backlog, peak: 0, fullPolls: 0, polls: 0, target: this.targetKeys.has(key), pid: k?.pid, process: k?.process };
        this.seen.set(key, s);
      }
      s.polls++;
      if (length > s.peak) s.peak = length;
      if (s.capacity !== undefined && s.capacity > 0 && length >= s.capacity) s.fullPolls++;
      if (s.target && s.capacity !== undefined) {
        // Several target listeners (v4 and v6): the one fullest against its capacity stands for the target.
        if (targetLength === undefined || length / Math.max(1, s.capacity) > targetLength / Math.max(1, targetCapacity)) {
          targetLength = length;
          targetCapacity = s.capacity;
        }
      }
    }
    if (targetLength !== undefined) {
      const w = this.windowPeak;
      if (!w || targetLength / Math.max(1, targetCapacity) > w.length / Math.max(1, w.capacity)) this.windowPeak = { length: targetLength, capacity: targetCapacity };
    }
  }

  /** The target's longest queue since the previous call, for the sample the chart shows. */
  takeWindowPeak(): { length: number; capacity: number } | undefined {
    const w = this.windowPeak;
    this.windowPeak = undefined;
    return w;
  }

  /** Listeners that held anything, the target's always (most interesting first: full, then target). */
  summary(): ListenerQueueSeen[] {
    return [...this.seen.values()]
      .filter((s) => s.target || s.peak > 0)
      .sort((a, b) => b.fullPolls - a.fullPolls || Number(b.target) - Number(a.target) || b.peak - a.peak);
  }
}
