// Samples the TCP counters and the listener's accept queue during the run, so the panel can draw them under the
// throughput. Reads files only (no process spawns): /proc/net/{netstat,snmp,tcp,tcp6}.
import { canonicalAddress } from './listenerAddress';
import { counterDeltas, readLinuxCounters } from '../system/procNetCounters';
import { readProcNetTcp, TCP_STATE, type ProcTcpRow } from '../system/procNetTcp';
import { countTimeWait, mostTimeWait, NO_TIME_WAIT } from './timeWait';
import type { TimeWaitCount } from '../shared/findings';
import type { ListenerFacts } from './rules/diagnosisFacts';
import type { KernelSample } from '../shared/findings';

export interface SamplerOptions {
  intervalMs: number;
  port: number;
  listeners: ListenerFacts[];
  baseline: Record<string, number>;
  startedAt: number;
  now: () => number;
  onSample?: (s: KernelSample) => void;
}

export interface KernelSampler {
  samples: KernelSample[];
  /** Most TIME-WAIT sockets seen in any sample. */
  maxTimeWait: TimeWaitCount;
  stop(): Promise<void>;
}

/** ss prints "*" for a dual-stack wildcard; /proc/net/tcp6 has it as "::". */
function procAddressOf(l: ListenerFacts): string {
  return canonicalAddress(l.address === '*' ? '::' : l.address);
}

/** The matched listener whose queue is fullest, as length/capacity. */
export function acceptQueueOf(rows: ProcTcpRow[], port: number, listeners: ListenerFacts[]): KernelSample['acceptQueue'] {
  let best: KernelSample['acceptQueue'];
  for (const l of listeners) {
    const want = procAddressOf(l);
    const length = rows
      .filter((r) => r.state === TCP_STATE.LISTEN && r.localPort === port && canonicalAddress(r.localAddress) === want)
      .reduce((s, r) => s + r.rxQueue, 0);
    if (!best || length / Math.max(1, l.backlog) > best.length / Math.max(1, best.capacity)) best = { length, capacity: l.backlog };
  }
  return best;
}

export function startKernelSampler(o: SamplerOptions): KernelSampler {
  const samples: KernelSample[] = [];
  const state: KernelSampler = { samples, maxTimeWait: { ...NO_TIME_WAIT }, stop: async () => {} };
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    const [c, rows] = await Promise.all([readLinuxCounters(), readProcNetTcp()]);
    if (stopped) return;
    const s: KernelSample = { tMs: Math.max(0, o.now() - o.startedAt), deltas: counterDeltas(o.baseline, c.counters) };
    if (rows) {
      const q = acceptQueueOf(rows, o.port, o.listeners);
      if (q) s.acceptQueue = q;
      state.maxTimeWait = mostTimeWait(state.maxTimeWait, countTimeWait(rows, o.port));
    }
    samples.push(s);
    try {
      o.onSample?.(s);
    } catch {
      // A consumer's error must not stop the sampling.
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return; // a slow read is skipped over, never stacked
    running = tick()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, o.intervalMs);
  timer.unref?.();
  state.stop = async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
  return state;
}
