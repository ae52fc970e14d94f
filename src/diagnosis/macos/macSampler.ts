// Samples the accept queue and the TCP counters during the run on macOS, where there is no /proc: two netstat
// calls per tick (a few ms each on a Mac), at the same 250..1000 ms interval as on Linux. A slow tick is skipped
// over, never stacked.
import { counterDeltas } from '../../system/procNetCounters';
import type { ListenerFacts } from '../rules/diagnosisFacts';
import type { KernelSample } from '../../shared/findings';
import { readNetstatListenQueues } from '../../system/netstatListenQueues';
import { readNetstatTcpStats } from '../../system/netstatTcpStats';
import { macListenerFacts, matchMacListeners } from './macosProbe';

export interface MacSamplerOptions {
  intervalMs: number;
  port: number;
  addresses: string[];
  baseline: Record<string, number>;
  startedAt: number;
  now: () => number;
  onSample?: (s: KernelSample) => void;
}

export interface MacSampler {
  samples: KernelSample[];
  stop(): Promise<void>;
}

/** The fullest matched listener's queue, as qlen/qlimit. */
export function fullestQueue(listeners: ListenerFacts[]): KernelSample['acceptQueue'] {
  let best: KernelSample['acceptQueue'];
  for (const l of listeners) {
    if (!best || l.queued / Math.max(1, l.backlog) > best.length / Math.max(1, best.capacity)) best = { length: l.queued, capacity: l.backlog };
  }
  return best;
}

export function startMacSampler(o: MacSamplerOptions): MacSampler {
  const samples: KernelSample[] = [];
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    const [queues, stats] = await Promise.all([readNetstatListenQueues(), readNetstatTcpStats()]);
    if (stopped) return;
    const s: KernelSample = { tMs: Math.max(0, o.now() - o.startedAt), deltas: stats.error ? {} : counterDeltas(o.baseline, stats.counters) };
    if (!queues.error) {
      const q = fullestQueue(matchMacListeners(queues.rows.map(macListenerFacts), o.port, o.addresses));
      if (q) s.acceptQueue = q;
    }
    samples.push(s);
    try {
      o.onSample?.(s);
    } catch {
      // A consumer's error must not stop the sampling.
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, o.intervalMs);
  timer.unref?.();
  return {
    samples,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
