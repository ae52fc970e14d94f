// The sampling loop itself, run in the sampler's own thread (kernelSamplerWorker.ts): every listener's accept queue
// from the LISTEN rows of /proc/net/tcp{,6}, the target's family every 100 ms and the other family every sample
// interval while it has a listener (every 5 s when it has none: see othersListen), and every sample interval the
// counters (/proc/net/netstat, /proc/net/snmp) and the TIME-WAIT count (/proc/net/sockstat). No process is spawned
// and no whole socket table is read. Measured on 2 cores, 50 connections, 8 s: the thread used 0.8% of a core during
// the run (1.6-1.9% before the other family was skipped), plus 20-30 ms of start-up before the load.
import { ListenRowReader } from '../system/procNetListen';
import { ListenerQueueTracker, type KnownListener } from './listenerQueues';
import { closeCounterFiles, counterDeltas, openCounterFiles, readLinuxCountersFrom } from '../system/procNetCounters';
import { openSockstat, readTimeWaitFrom } from '../system/sockstat';
import type { KernelSample, ListenerQueueSeen } from '../shared/findings';
import { thisThreadCpuMs } from '../engine/threadPriority';

/** A family with no listener is read every this many samples (every 5 s at the 500 ms sample interval). */
const OTHER_FAMILY_IDLE_SAMPLES = 10;

export interface SamplingSetup {
  /** How often the accept queues are polled (ms). */
  queueIntervalMs: number;
  /** How often a sample with counters is taken (ms), a multiple of queueIntervalMs. */
  sampleIntervalMs: number;
  baseline: Record<string, number>;
  /** Epoch ms the run's times count from. */
  startedAt: number;
  /** Listeners read by ss before the run, for their capacities and owners. */
  known: KnownListener[];
  /** listenerKey()s of the target's listeners. */
  targetKeys: string[];
  /** The /proc/net table families the target's listeners are in (tcp: 4, tcp6: 6), polled every queueIntervalMs. */
  targetFamilies: Array<4 | 6>;
  procRoot?: string;
}

/** What the loop saw over the whole run, posted once when it stops. */
export interface SamplingSummary {
  /** What every listener's queue did, and how many polls of the target's family saw it. */
  queues: ListenerQueueSeen[];
  queuePolls: number;
  /** The most TIME-WAIT sockets of the namespace seen in any sample. */
  maxTimeWait?: number;
  /** With a thread of its own: its CPU from its start (Linux, 10 ms resolution), and the part before the first poll. */
  threadCpuMs?: number;
  startupCpuMs?: number;
  /** On a shared thread: the time its polls and samples took (ms), an upper bound of their CPU. */
  busyMs?: number;
}

export type SamplingMessage =
  /** The first poll is done: the load may start. */
  | { type: 'ready' }
  | { type: 'sample'; sample: KernelSample }
  | ({ type: 'final' } & SamplingSummary);

export interface SamplingLoop {
  /** Polls once more, posts 'final' and stops. */
  stop(): Promise<void>;
}

/** `ownThread`: the loop has a thread of its own, whose CPU is then the sampling's cost and is reported. */
export function runKernelSampling(setup: SamplingSetup, post: (message: SamplingMessage) => void, ownThread = false): SamplingLoop {
  const tracker = new ListenerQueueTracker(setup.known, new Set(setup.targetKeys));
  // Kept open for the whole run and closed at stop: see procFile.ts.
  const listenRows = new ListenRowReader(setup.procRoot);
  const counterFiles = openCounterFiles(setup.procRoot);
  const sockstat = openSockstat(setup.procRoot);
  const pollsPerSample = Math.max(1, Math.round(setup.sampleIntervalMs / setup.queueIntervalMs));
  let maxTimeWait: number | undefined;
  let polls = 0;
  let stopped = false;

  const others = ([4, 6] as const).filter((f) => !setup.targetFamilies.includes(f));
  // A family with no listener costs the most to read (its table is walked to the end, past every TIME-WAIT socket
  // of the other family: 0.6 ms idle, several ms during a run without keep-alive, ~half the sampler's CPU during
  // the run). It is read every sample while it has a listener, else every OTHER_FAMILY_IDLE_SAMPLES samples (a
  // listener started mid-run is still seen) and at the end.
  let othersListen = true;
  let samples = 0;
  const poll = (everyFamily: boolean) => {
    const families = everyFamily ? [...setup.targetFamilies, ...others] : setup.targetFamilies;
    const rows = families.length > 0 ? listenRows.read(families) : undefined;
    if (!rows) return;
    if (everyFamily && others.length > 0) othersListen = rows.some((r) => others.includes(r.family));
    tracker.observe(rows, setup.targetFamilies.length > 0);
  };
  // On a thread it shares, the loop times its own synchronous reads: wall time, so at least their CPU.
  let busyMs = 0;
  const timed = <T>(work: () => T): T => {
    if (ownThread) return work();
    const t0 = performance.now();
    try {
      return work();
    } finally {
      busyMs += performance.now() - t0;
    }
  };
  const sample = () => {
    const tw = readTimeWaitFrom(sockstat);
    if (tw !== undefined) maxTimeWait = Math.max(maxTimeWait ?? 0, tw);
    const acceptQueue = tracker.takeWindowPeak();
    const c = readLinuxCountersFrom(counterFiles);
    const s: KernelSample = { tMs: Math.max(0, Date.now() - setup.startedAt), deltas: counterDeltas(setup.baseline, c.counters) };
    if (acceptQueue) s.acceptQueue = acceptQueue;
    post({ type: 'sample', sample: s });
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const sampleDue = ++polls % pollsPerSample === 0;
    if (sampleDue) samples++;
    timed(() => poll(sampleDue && (othersListen || samples % OTHER_FAMILY_IDLE_SAMPLES === 0)));
    if (sampleDue) {
      try {
        timed(sample);
      } catch {
        // A sample that cannot be read is skipped; the next one tries again.
      }
    }
  }, setup.queueIntervalMs);
  timed(() => poll(true));
  // Start-up (~25 ms of a fresh thread) is spent before the load starts: it is told apart from what the run costs.
  const startupCpuMs = ownThread ? thisThreadCpuMs() : undefined;
  post({ type: 'ready' });

  return {
    async stop() {
      // Once: a second stop would open the files again and leave them open.
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      timed(() => poll(true));
      const tw = timed(() => readTimeWaitFrom(sockstat));
      if (tw !== undefined) maxTimeWait = Math.max(maxTimeWait ?? 0, tw);
      listenRows.close();
      closeCounterFiles(counterFiles);
      sockstat.close();
      post({
        type: 'final',
        queues: tracker.summary(),
        queuePolls: tracker.polls,
        maxTimeWait,
        threadCpuMs: ownThread ? thisThreadCpuMs() : undefined,
        startupCpuMs,
        busyMs: ownThread ? undefined : busyMs,
      });
    },
  };
}
