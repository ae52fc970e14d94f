// When a client's kernel retransmits an unanswered SYN, in seconds after the first SYN. A connect that waited for a
// dropped SYN lands at one of these times, which is why connect times cluster there.

/** Classic schedule (tcp_syn_linear_timeouts absent or 0): 1 s, then doubling: 1, 3, 7, 15, 31, 63 s. */
const CLASSIC_RETRIES = 6;

/**
 * Retransmit times for the client kernel's setting.
 * `linearTimeouts` is net.ipv4.tcp_syn_linear_timeouts (Linux >= 6.5, default 4): the first N+1 retransmits come
 * 1 s apart, then the interval doubles: 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s. Measured kernels fire a little later at
 * the long steps (timer slack, e.g. 69 s for 67 s), close enough for markers.
 * Undefined, 0, or an unreadable value gives the classic schedule.
 */
export function synRetransmitScheduleSec(linearTimeouts?: number): number[] {
  const linear = linearTimeouts !== undefined && Number.isInteger(linearTimeouts) && linearTimeouts > 0 ? linearTimeouts : 0;
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < linear + 1 && linear > 0; i++) {
    t += 1;
    times.push(t);
  }
  // Linux's default tcp_syn_retries is 6: six retransmits in all, on top of the linear ones.
  const doublingSteps = linear > 0 ? 5 : CLASSIC_RETRIES;
  let interval = linear > 0 ? 2 : 1;
  for (let i = 0; i < doublingSteps; i++) {
    t += interval;
    times.push(t);
    interval *= 2;
  }
  return times;
}

/** Reads the setting from the kernel report's sysctl map ("net.ipv4.tcp_syn_linear_timeouts": "4"). */
export function scheduleFromSettings(settings: Record<string, string> | undefined): number[] {
  const raw = settings?.['net.ipv4.tcp_syn_linear_timeouts'];
  const parsed = raw === undefined ? undefined : Number.parseInt(raw.trim(), 10);
  return synRetransmitScheduleSec(Number.isNaN(parsed) ? undefined : parsed);
}
