// A burst of SYNs found the SYN queue full while the accept queue had room: the kernel answered with SYN cookies.
// Connections still work, but it means the backlog is too small for the bursts the run makes.
import { synFloodSentCookies } from '../kernelLog';
import { analyseBacklog, backlogRemedy } from './backlogFixes';
import { counterEvidence, defined, kernelLogEvidence, settingEvidence } from './counterEvidence';
import { overflowBlame, overflowsAreTargets } from './overflowAttribution';
import type { RunRule } from './ruleTypes';
import { runShowsQueueTrouble } from './runSymptoms';

export const SYN_QUEUE_COOKIES = 'syn-queue-cookies';

export const synQueueCookies: RunRule = (facts, result) => {
  const d = facts.counterDeltas;
  const cookies = Math.max(d.TCPReqQFullDoCookies ?? 0, d.SyncookiesSent ?? 0);
  const logLines = facts.synFloodLines.filter(synFloodSentCookies);
  if (cookies < 1) return undefined;
  // The log line names this port; otherwise the run's own trouble ties the counter to it.
  if (logLines.length === 0 && !(runShowsQueueTrouble(result, facts.samples) && (d.ListenOverflows ?? 0) + (d.ListenDrops ?? 0) > 0)) return undefined;
  // Without a log line naming the port, the namespace-wide counters are the target's only if its queue could be the one.
  if (logLines.length === 0 && !overflowsAreTargets(overflowBlame(facts, result))) return undefined;
  const a = analyseBacklog(facts);
  const backlog = backlogRemedy(facts, a);
  return {
    id: SYN_QUEUE_COOKIES,
    severity: 'warning',
    title: `SYN queue overflowed: the kernel answered ${cookies} SYN${cookies === 1 ? '' : 's'} with cookies`,
    explanation:
      `Bursts of SYNs (often retransmissions after accept-queue drops) filled the listener's SYN queue, which is bounded by the same backlog (${a.capacity ?? 'unknown'}). ` +
      'With tcp_syncookies on, the kernel keeps answering with cookies, so connections still succeed, but a cookie handshake loses TCP options and the request sockets it does not keep can later fail and reset.',
    evidence: defined([
      counterEvidence('TCPReqQFullDoCookies', d),
      counterEvidence('SyncookiesSent', d),
      counterEvidence('SyncookiesRecv', d),
      settingEvidence('net.ipv4.tcp_syncookies', facts.settings),
      ...kernelLogEvidence(facts, logLines),
    ]),
    fixes: [
      ...backlog.fixes.filter((f) => f.kind !== 'advice'),
      {
        title: 'Do not raise tcp_max_syn_backlog or turn cookies off',
        kind: 'advice',
        detail: 'tcp_max_syn_backlog only matters with cookies off; with cookies off the same burst drops SYNs instead.',
      },
    ],
    subjects: backlog.subjects,
  };
};
