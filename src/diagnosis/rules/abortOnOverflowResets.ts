// tcp_abort_on_overflow=1: the kernel answers the overflowing ACK with RST at once (EmbryonicRsts), so the client
// sees "connection reset" instead of a delay. It hides nothing and fixes nothing.
import { numericSetting } from '../kernelSettings';
import { sysctlFix } from '../sysctlFix';
import { backlogRemedy } from './backlogFixes';
import { counterEvidence, defined, settingEvidence } from './counterEvidence';
import { overflowBlame, overflowsAreTargets } from './overflowAttribution';
import type { RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const ABORT_ON_OVERFLOW_RESETS = 'abort-on-overflow-resets';

export const abortOnOverflowResets: RunRule = (facts, result) => {
  if (numericSetting(facts.settings, 'net.ipv4.tcp_abort_on_overflow') !== 1) return undefined;
  const d = facts.counterDeltas;
  const resets = errorCount(result, 'ECONNRESET', 'EPIPE', 'closed-by-peer');
  if (resets < 1 || ((d.ListenOverflows ?? 0) < 1 && (d.EmbryonicRsts ?? 0) < 1)) return undefined;
  if (!overflowsAreTargets(overflowBlame(facts, result))) return undefined;
  const backlog = backlogRemedy(facts);
  return {
    id: ABORT_ON_OVERFLOW_RESETS,
    severity: 'error',
    title: `${resets} connection${resets === 1 ? '' : 's'} reset at once because tcp_abort_on_overflow=1`,
    explanation:
      'With net.ipv4.tcp_abort_on_overflow=1 the kernel resets a connection whose final ACK finds the accept queue full, instead of dropping the ACK and letting the client retry. The queue is still too small; the setting only turns delays into errors.',
    evidence: defined([
      settingEvidence('net.ipv4.tcp_abort_on_overflow', facts.settings),
      { label: 'Reset errors in the run', value: resets, source: 'run errors' },
      counterEvidence('EmbryonicRsts', d),
      counterEvidence('ListenOverflows', d),
      counterEvidence('OutRsts', d),
    ]),
    fixes: [sysctlFix('net.ipv4.tcp_abort_on_overflow', 0, 'Set tcp_abort_on_overflow back to 0 (the default)'), ...backlog.fixes],
    subjects: [{ kind: 'sysctl', key: 'net.ipv4.tcp_abort_on_overflow', current: '1', suggested: '0' }, ...backlog.subjects],
  };
};
