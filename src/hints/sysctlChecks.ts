// Values in a sysctl file that break (or mislead) a local load test. Only says something when there is a problem.
import { normalizeSysctlKey } from './sysctlConf';

export interface SysctlProblem {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface SysctlCheckContext {
  /** Concurrency of the last run (RunResult.options.connections). */
  connections?: number;
}

const NUMERIC_KEYS = new Set([
  'net.core.somaxconn',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_abort_on_overflow',
  'net.ipv4.tcp_tw_reuse',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_syn_linear_timeouts',
  'net.ipv4.tcp_syn_retries',
  'net.ipv4.tcp_synack_retries',
  'net.core.netdev_max_backlog',
  'fs.file-max',
  'fs.nr_open',
]);

/** somaxconn's default since Linux 5.4; below it, a current kernel was made worse on purpose. */
const CURRENT_SOMAXCONN_DEFAULT = 4096;

export function checkSysctlValue(key: string, value: string, context: SysctlCheckContext = {}): SysctlProblem[] {
  const name = normalizeSysctlKey(key);
  const trimmed = value.trim();
  if (name === 'net.ipv4.ip_local_port_range') return checkPortRange(trimmed, context);
  if (!NUMERIC_KEYS.has(name)) return [];
  if (!/^-?\d+$/.test(trimmed)) return [{ severity: 'error', message: `${name} takes a whole number, not "${trimmed}".` }];
  const n = Number(trimmed);
  const connections = context.connections;
  switch (name) {
    case 'net.core.somaxconn':
      if (connections !== undefined && n < connections) {
        return [{
          severity: 'warning',
          message: `somaxconn ${n} is below the ${connections} connections of the last run: every listen backlog is capped at ${n}, so the accept queue overflows and connects stall for seconds.`,
        }];
      }
      if (n < CURRENT_SOMAXCONN_DEFAULT) {
        return [{
          severity: 'info',
          message: `somaxconn ${n} is below the kernel default of ${CURRENT_SOMAXCONN_DEFAULT}: every listen backlog is capped at ${n}.`,
        }];
      }
      return [];
    case 'net.ipv4.tcp_syncookies':
      return n === 0
        ? [{ severity: 'warning', message: 'SYN cookies off: full SYN queues drop SYNs (TCPReqQFullDrop) and resets still happen. It is not a fix for overflows.' }]
        : [];
    case 'net.ipv4.tcp_abort_on_overflow':
      return n === 1
        ? [{ severity: 'info', message: 'A full accept queue now resets connections at once: a load test shows errors where it would show stalls.' }]
        : [];
    case 'net.ipv4.tcp_max_syn_backlog':
      return connections !== undefined && n < connections
        ? [{ severity: 'info', message: `tcp_max_syn_backlog ${n} is below the ${connections} connections of the last run; it only matters with SYN cookies off.` }]
        : [];
    case 'fs.file-max':
    case 'fs.nr_open':
      return connections !== undefined && n < connections * 2
        ? [{ severity: 'warning', message: `${name} ${n} leaves fewer than two file descriptors per connection (client and server) for ${connections} connections.` }]
        : [];
    default:
      return [];
  }
}

function checkPortRange(value: string, context: SysctlCheckContext): SysctlProblem[] {
  const m = /^(\d+)\s+(\d+)$/.exec(value);
  if (!m) return [{ severity: 'error', message: `ip_local_port_range takes two port numbers, "low high", not "${value}".` }];
  const [low, high] = [Number(m[1]), Number(m[2])];
  if (low > high || high > 65535) return [{ severity: 'error', message: `ip_local_port_range "${value}" is not a valid range.` }];
  const ports = high - low + 1;
  if (context.connections !== undefined && ports < context.connections) {
    return [{
      severity: 'warning',
      message: `Only ${ports} ephemeral ports for ${context.connections} connections: connects fail with EADDRNOTAVAIL.`,
    }];
  }
  return [];
}
