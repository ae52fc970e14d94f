// With tcp_syncookies=0, a SYN burst that finds the SYN queue full is dropped: ListenDrops - ListenOverflows
// equals TCPReqQFullDrop and the clients wait for their SYN retransmits.
import { numericSetting } from '../kernelSettings';
import { synFloodSentCookies } from '../kernelLog';
import { sysctlFix } from '../sysctlFix';
import { analyseBacklog, backlogRemedy } from './backlogFixes';
import { counterEvidence, defined, kernelLogEvidence, settingEvidence } from './counterEvidence';
import { overflowBlame, overflowsAreTargets } from './overflowAttribution';
import type { RunRule } from './ruleTypes';
import { runShowsQueueTrouble } from './runSymptoms';

export const SYN_QUEUE_DROPS = 'syn-queue-drops';

export const synQueueDrops: RunRule = (facts, result) => {
  const d = facts.counterDeltas;
  const drops = d.TCPReqQFullDrop ?? 0;
  const logLines = facts.synFloodLines.filter((l) => !synFloodSentCookies(l));
  if (drops < 1) return undefined;
  if (logLines.length === 0 && !runShowsQueueTrouble(result, facts.samples)) return undefined;
  // Without a log line naming the port, the namespace-wide counters are the target's only if its queue could be the one.
  if (logLines.length === 0 && !overflowsAreTargets(overflowBlame(facts, result))) return undefined;
  const a = analyseBacklog(facts);
  const cookiesOff = numericSetting(facts.settings, 'net.ipv4.tcp_syncookies') === 0;
  const { fixes, subjects } = backlogRemedy(facts, a);
  if (cookiesOff) fixes.splice(1, 0, sysctlFix('net.ipv4.tcp_syncookies', 1, 'Turn SYN cookies back on (the default)', 'With cookies the kernel answers a SYN burst instead of dropping it.'));
  return {
    id: SYN_QUEUE_DROPS,
    severity: 'error',
    title: `${drops} SYN${drops === 1 ? '' : 's'} dropped because the SYN queue was full${cookiesOff ? ' (SYN cookies are off)' : ''}`,
    explanation:
      `The listener's SYN queue (bounded by its backlog, ${a.capacity ?? 'unknown'}) filled and ${cookiesOff ? 'net.ipv4.tcp_syncookies=0' : 'the kernel'} dropped new SYNs; each dropped client waits for its SYN retransmission (1 s, then more).`,
    evidence: defined([
      counterEvidence('TCPReqQFullDrop', d),
      { label: 'ListenDrops - ListenOverflows', value: Math.max(0, (d.ListenDrops ?? 0) - (d.ListenOverflows ?? 0)), source: '/proc/net/netstat TcpExt (delta over the run)' },
      settingEvidence('net.ipv4.tcp_syncookies', facts.settings),
      settingEvidence('net.ipv4.tcp_max_syn_backlog', facts.settings),
      ...kernelLogEvidence(facts, logLines),
    ]),
    fixes,
    subjects: [
      ...subjects,
      ...(cookiesOff ? [{ kind: 'sysctl' as const, key: 'net.ipv4.tcp_syncookies', current: '0', suggested: '1' }] : []),
    ],
  };
};
