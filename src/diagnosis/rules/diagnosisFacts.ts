// Everything the rules look at, gathered once. Rules are pure functions of this (and the run's result), so they
// can be tested on synthetic inputs.
import type { DiagnosisTarget } from '../diagnosisTarget';
import type { OpenFileLimit } from '../../shared/findings';
import type { TimeWaitCount } from '../../shared/findings';
import type { KernelSample, ListenerQueueSeen } from '../../shared/findings';
import type { ServerContext } from '../serverContext';

export interface ListenerFacts {
  address: string;
  port: number;
  /** Accept queue capacity (ss Send-Q). */
  backlog: number;
  /** Accept queue length when read (ss Recv-Q). */
  queued: number;
  dualStack: boolean;
  pid?: number;
  process?: string;
  argv?: string[];
}

export interface DiagnosisFacts {
  platform: NodeJS.Platform;
  target: DiagnosisTarget;
  settings: Record<string, string>;
  /** Listeners the target's addresses reach. */
  listeners: ListenerFacts[];
  /** Every listener on the target port, whatever its address. */
  listenersOnPort: ListenerFacts[];
  /** False when ss could not be run: then "no listener" means nothing. */
  listenersReadable: boolean;
  /** Deltas over the run (empty before the run or when unreadable). */
  counterDeltas: Record<string, number>;
  countersReadable: boolean;
  samples: KernelSample[];
  /**
   * Every listener's accept queue over the run, polled every `pollMs`: which listeners were seen full, so that
   * namespace-wide counters are blamed on the right one. Absent when the queues could not be polled.
   */
  queues?: { listeners: ListenerQueueSeen[]; polls: number; pollMs: number };
  /** New "SYN flooding" kernel log lines that name the target port. */
  synFloodLines: string[];
  /** The kernel log was read for the run (where it was not, a missing SYN-flood line says nothing). */
  kernelLogRead?: boolean;
  /** TIME-WAIT sockets, the most seen during or after the run. */
  timeWait?: TimeWaitCount;
  openFileLimit?: OpenFileLimit;
  /** Descriptors this process had open before the run. */
  openFilesBefore?: number;
  /** The owner of the listener the advice is for: cwd, the listen call in its code, Django settings. */
  server?: ServerContext;
}
