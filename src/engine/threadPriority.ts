// Lowers the priority of the calling thread only (Linux: setpriority() on the thread's own id). Load and sampler
// threads yield this way to the dev server they measure, which on a laptop shares the same cores; the caller's
// thread (the extension host's, the CLI's) keeps its priority. Raising the nice value needs no privilege.
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * CPU (user + system, ms) the calling thread has used, from /proc/thread-self/stat (10 ms ticks); undefined where
 * it cannot be read (not Linux).
 */
export function thisThreadCpuMs(): number | undefined {
  try {
    // Fields after the ")" of the command name: utime is field 14, stime 15 (1-based, proc(5)), so 11 and 12 here.
    const fields = readFileSync('/proc/thread-self/stat', 'latin1').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** Nice value of the load threads: a nice-0 server gets ~10x their share of a contended core (weights 1024 vs 110). */
export const YIELDING_NICE = 10;

/**
 * True when this thread now runs at `nice` or lower priority (a process already started with a higher nice value
 * keeps it); false where threads cannot be told apart (not Linux) or it failed.
 */
export function lowerThisThreadPriority(nice = YIELDING_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // "/proc/thread-self" -> "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
