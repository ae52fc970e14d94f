// What each kernel setting that matters to a local load test limits, in the user's words.
import { normalizeSysctlKey } from './sysctlConf';

export interface SysctlDescription {
  key: string;
  /** One sentence: what it limits. */
  limits: string;
  /** What to know before changing it. */
  note?: string;
  /** Default on current kernels, as the kernel writes it. */
  defaultValue?: string;
}

const DESCRIPTIONS: SysctlDescription[] = [
  {
    key: 'net.core.somaxconn',
    limits: 'Caps every listen() backlog: a listener accepts at most min(its backlog, somaxconn) connections waiting for accept().',
    note: 'Raise it together with the server\'s own backlog; the smaller of the two wins.',
    defaultValue: '4096',
  },
  {
    key: 'net.ipv4.tcp_max_syn_backlog',
    limits: 'Half-open connections (SYN queue) per listener, and only while SYN cookies are off.',
    note: 'Raising it alone changes nothing under a load test: the accept queue (somaxconn, backlog) is what overflows.',
  },
  {
    key: 'net.ipv4.tcp_syncookies',
    limits: 'Whether the kernel answers with SYN cookies when a listener\'s SYN queue is full (1 = when needed).',
    note: 'Turning cookies off is not a fix: full SYN queues then drop SYNs, and resets still happen.',
    defaultValue: '1',
  },
  {
    key: 'net.ipv4.tcp_abort_on_overflow',
    limits: 'With 1, a full accept queue answers the client\'s ACK with a reset at once instead of dropping it.',
    defaultValue: '0',
  },
  {
    key: 'net.ipv4.ip_local_port_range',
    limits: 'Ephemeral ports for outgoing connections: the load generator needs one per open connection (EADDRNOTAVAIL when out).',
    defaultValue: '32768\t60999',
  },
  {
    key: 'net.ipv4.tcp_tw_reuse',
    limits: 'Whether new outgoing connections may reuse ports still in TIME_WAIT (2 = loopback only).',
    defaultValue: '2',
  },
  {
    key: 'net.ipv4.tcp_fin_timeout',
    limits: 'How long an orphaned connection stays in FIN_WAIT_2.',
    defaultValue: '60',
  },
  {
    key: 'net.ipv4.tcp_syn_linear_timeouts',
    limits: 'How many SYN retransmissions use linear 1 s steps before backing off exponentially (kernel >= 6.5).',
    note: 'It decides the 1, 2, 3, 4, 5, 7, 11 s clusters in connect times after an overflow.',
    defaultValue: '4',
  },
  {
    key: 'net.ipv4.tcp_syn_retries',
    limits: 'How many times a client retransmits a SYN before connect() fails with ETIMEDOUT.',
    defaultValue: '6',
  },
  {
    key: 'net.ipv4.tcp_synack_retries',
    limits: 'How many times the server retransmits a SYN-ACK for a half-open connection.',
    defaultValue: '5',
  },
  {
    key: 'net.core.netdev_max_backlog',
    limits: 'Packets queued on the receive side of a network device before the kernel processes them.',
    defaultValue: '1000',
  },
  {
    key: 'fs.file-max',
    limits: 'Open files system-wide; every connection on both ends is one (ENFILE when out).',
  },
  {
    key: 'fs.nr_open',
    limits: 'The highest `ulimit -n` a process may set; every connection is one file descriptor (EMFILE when out).',
    defaultValue: '1048576',
  },
];

const BY_KEY = new Map(DESCRIPTIONS.map((d) => [d.key, d]));

export function describeSysctl(key: string): SysctlDescription | undefined {
  return BY_KEY.get(normalizeSysctlKey(key));
}
