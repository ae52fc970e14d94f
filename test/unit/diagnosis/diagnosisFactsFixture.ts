// DiagnosisFacts for rule tests: a Node server on 127.0.0.1:3000 with Linux 6.18 defaults, tweakable per test.
import type { DiagnosisFacts } from '../../../src/diagnosis/rules/diagnosisFacts';

export const DEFAULT_SETTINGS: Record<string, string> = {
  'net.core.somaxconn': '4096',
  'net.ipv4.tcp_max_syn_backlog': '512',
  'net.ipv4.tcp_syncookies': '1',
  'net.ipv4.tcp_abort_on_overflow': '0',
  'net.ipv4.tcp_syn_linear_timeouts': '4',
  'net.ipv4.tcp_syn_retries': '6',
  'net.ipv4.tcp_synack_retries': '5',
  'net.ipv4.ip_local_port_range': '32768 60999',
  'net.ipv4.tcp_tw_reuse': '2',
  'net.ipv4.tcp_fin_timeout': '60',
};

export function facts(over: Partial<DiagnosisFacts> = {}, settings: Record<string, string> = {}): DiagnosisFacts {
  const listener = { address: '127.0.0.1', port: 3000, backlog: 511, queued: 0, dualStack: false, pid: 4242, process: 'node', argv: ['node', 'server.js'] };
  return {
    platform: 'linux',
    target: { host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'], connections: 10, keepAlive: false },
    settings: { ...DEFAULT_SETTINGS, ...settings },
    listeners: [listener],
    listenersOnPort: [listener],
    listenersReadable: true,
    counterDeltas: { ListenOverflows: 0, ListenDrops: 0, SyncookiesSent: 0, SyncookiesRecv: 0, SyncookiesFailed: 0, TCPReqQFullDoCookies: 0, TCPReqQFullDrop: 0, EmbryonicRsts: 0, TCPSynRetrans: 0, TCPTimeouts: 0, TCPAbortOnClose: 0, ActiveOpens: 300, PassiveOpens: 300, EstabResets: 0, OutRsts: 0 },
    countersReadable: true,
    samples: [],
    synFloodLines: [],
    timeWait: { total: 300, onPort: 300, clientSide: 0 },
    openFileLimit: { soft: 20000, hard: 20000 },
    openFilesBefore: 30,
    ...over,
  };
}
