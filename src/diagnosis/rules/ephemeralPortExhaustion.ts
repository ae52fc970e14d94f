// Without keep-alive every request uses a new local port, and each closed connection holds its 4-tuple in
// TIME-WAIT for 60 s. When the local port range runs out, connect() fails with EADDRNOTAVAIL.
import { ephemeralPortCount, numericSetting } from '../kernelSettings';
import { sysctlFix } from '../sysctlFix';
import { defined, settingEvidence } from './counterEvidence';
import type { RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const EPHEMERAL_PORT_EXHAUSTION = 'ephemeral-port-exhaustion';

export const ephemeralPortExhaustion: RunRule = (facts, result) => {
  const errs = errorCount(result, 'EADDRNOTAVAIL');
  const ports = ephemeralPortCount(facts.settings);
  const tw = facts.timeWait?.clientSide ?? 0;
  // Without errors, only warn when TIME-WAIT ports cannot be reused for new connections (tcp_tw_reuse=0).
  const noReuse = numericSetting(facts.settings, 'net.ipv4.tcp_tw_reuse') === 0;
  const nearlyOut = ports !== undefined && noReuse && tw >= ports * 0.5;
  if (errs < 1 && !nearlyOut) return undefined;
  return {
    id: EPHEMERAL_PORT_EXHAUSTION,
    severity: errs > 0 ? 'error' : 'warning',
    title: errs > 0 ? `${errs} connect${errs === 1 ? '' : 's'} failed: no free local port (EADDRNOTAVAIL)` : `TIME-WAIT sockets used ${tw} of ${ports} local ports`,
    explanation:
      'Each new connection takes a local port from net.ipv4.ip_local_port_range, and each closed one keeps it in TIME-WAIT for 60 s. ' +
      (facts.target.keepAlive ? 'The run used keep-alive, so connections were still being replaced quickly (errors or server closes).' : 'The run opened a new connection per request (keep-alive off).'),
    evidence: defined([
      { label: 'EADDRNOTAVAIL errors', value: errs, source: 'run errors' },
      facts.timeWait?.clientSide !== undefined ? { label: 'TIME-WAIT sockets holding a local port towards the target', value: tw, source: 'ss -tn state time-wait (after the run)' } : undefined,
      facts.timeWait ? { label: 'TIME-WAIT sockets in total', value: facts.timeWait.total, source: '/proc/net/sockstat TCP tw (most seen during the run)' } : undefined,
      settingEvidence('net.ipv4.ip_local_port_range', facts.settings),
      settingEvidence('net.ipv4.tcp_tw_reuse', facts.settings),
    ]),
    fixes: [
      { title: 'Use keep-alive', kind: 'advice', detail: 'Reusing connections needs no new ports; it is also what browsers do.' },
      sysctlFix('net.ipv4.ip_local_port_range', '1024 65535', 'Widen the local port range'),
      sysctlFix('net.ipv4.tcp_tw_reuse', 1, 'Let new outgoing connections reuse TIME-WAIT ports (safe for loopback)'),
    ],
    subjects: [{ kind: 'sysctl', key: 'net.ipv4.ip_local_port_range', current: facts.settings['net.ipv4.ip_local_port_range'], suggested: '1024 65535' }],
  };
};
