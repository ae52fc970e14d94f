// When a client's SYN gets no answer it retransmits on a fixed schedule (initial RTO 1 s). Connect times that
// cluster on these instants tell that SYNs were dropped, without any server-side counter. The diagnosis computes
// the schedule from the client kernel's settings and puts it in the report; the panel draws exactly that.
import type { KernelReport } from './findings';
import { numericSetting } from './sysctlValue';

/**
 * Seconds after the first SYN at which each retransmission is sent.
 * Linux >= 6.5, tcp_syn_linear_timeouts=N: the kernel adds N to tcp_syn_retries and keeps the RTO at 1 s for the
 * first N+1 retransmits, then doubles it (N=4, retries 6: 1,2,3,4,5,7,11,19,35,67; long timers fire up to a few
 * seconds late, 69 was measured). Without the sysctl or with N=0: 1,3,7,15,31,63.
 */
export function synRetransmitSchedule(synRetries: number, linearTimeouts: number | undefined): number[] {
  const linear = Math.max(0, linearTimeouts ?? 0);
  const out: number[] = [];
  let t = 0;
  let rto = 1;
  for (let i = 1; i <= synRetries + linear; i++) {
    t += rto;
    out.push(t);
    if (i > linear) rto *= 2;
  }
  return out;
}

/**
 * The schedule of a finished run: what the diagnosis computed, or, for results saved before it did, the same
 * computation from the settings the report carries. Empty when tcp_syn_retries was never read: no guessed markers.
 */
export function synRetransmitScheduleOf(kernel: Pick<KernelReport, 'settings' | 'synRetransmitScheduleSeconds'> | undefined): number[] {
  if (!kernel) return [];
  if (kernel.synRetransmitScheduleSeconds) return kernel.synRetransmitScheduleSeconds;
  const retries = numericSetting(kernel.settings, 'net.ipv4.tcp_syn_retries');
  return retries === undefined ? [] : synRetransmitSchedule(retries, numericSetting(kernel.settings, 'net.ipv4.tcp_syn_linear_timeouts'));
}

/** Window of connect times (ms) that count as "answered after retransmission k": timers fire late, never early. */
export function retransmitWindowMs(scheduleSeconds: number): [number, number] {
  const ms = scheduleSeconds * 1000;
  return [ms - 50, ms + Math.max(350, ms * 0.1)];
}
