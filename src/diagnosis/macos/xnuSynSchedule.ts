// When a SYN gets no answer, macOS (XNU, bsd/netinet/tcp_timer.c) retransmits after the initial RTO of 1 s times
// tcp_syn_backoff[] = { 1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 64, 64 }, within tcp_keepinit (75 s): the same
// instants as Linux >= 6.5 with tcp_syn_linear_timeouts=4 and 6 retries.
import { synRetransmitSchedule } from '../../shared/synRetransmitSchedule';

/** Seconds after the first SYN at which macOS retransmits it: 1, 2, 3, 4, 5, 7, 11, 19, 35, 67. */
export const XNU_SYN_RETRANSMIT_SECONDS: readonly number[] = synRetransmitSchedule(6, 4);
