// With default settings the reset comes late: the client's final ACK overflowed the accept queue, the client thinks
// it is connected and retransmits its request; the server's request socket expires (~7 s), the next retransmission
// fails the cookie check (SyncookiesFailed) and the listener answers RST. Turning cookies off does not stop it.
import { numericSetting } from '../kernelSettings';
import { backlogRemedy } from './backlogFixes';
import { counterEvidence, defined } from './counterEvidence';
import { overflowBlame, overflowsAreTargets } from './overflowAttribution';
import type { RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const RESETS_AFTER_OVERFLOW = 'resets-after-overflow';

export const resetsAfterOverflow: RunRule = (facts, result) => {
  const d = facts.counterDeltas;
  const resets = errorCount(result, 'ECONNRESET', 'EPIPE');
  if (resets < 1) return undefined;
  if (numericSetting(facts.settings, 'net.ipv4.tcp_abort_on_overflow') === 1) return undefined;
  if ((d.ListenOverflows ?? 0) < 1 && (d.SyncookiesFailed ?? 0) < 1) return undefined;
  if (!overflowsAreTargets(overflowBlame(facts, result))) return undefined;
  return {
    id: RESETS_AFTER_OVERFLOW,
    severity: 'error',
    title: `${resets} connection${resets === 1 ? '' : 's'} reset after the accept queue overflowed`,
    explanation:
      "These clients finished the handshake, but their final ACK found the accept queue full and was dropped. The client sent its request on a connection the server never accepted; once the server's half-open request expired, the retransmitted request failed the SYN-cookie check and the listener answered with a reset. Turning SYN cookies off does not prevent this; a larger accept queue does.",
    evidence: defined([
      { label: 'ECONNRESET/EPIPE errors in the run', value: resets, source: 'run errors' },
      counterEvidence('ListenOverflows', d),
      counterEvidence('SyncookiesFailed', d),
      counterEvidence('OutRsts', d),
      counterEvidence('EstabResets', d),
    ]),
    ...backlogRemedy(facts),
  };
};
