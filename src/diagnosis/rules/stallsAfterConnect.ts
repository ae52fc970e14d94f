// Connects fast but requests wait seconds: the handshake completed by cookie, then request data was dropped
// after it (SyncookiesRecv far above SyncookiesSent, TCPTimeouts well above TCPSynRetrans).
import { counterEvidence } from './counterEvidence';
import type { RunRule } from './ruleTypes';
import { SLOW_CONNECT_MS } from './runSymptoms';

export const STALLS_AFTER_CONNECT = 'stalls-after-connect';

export const stallsAfterConnect: RunRule = (facts, result) => {
  const d = facts.counterDeltas;
  const recv = d.SyncookiesRecv ?? 0;
  const sent = d.SyncookiesSent ?? 0;
  const timeouts = d.TCPTimeouts ?? 0;
  const synRetrans = d.TCPSynRetrans ?? 0;
  // First-byte time includes the connect; exceeding the slowest connect by 0.9 s proves a wait after connecting.
  const slowFirstByte = result.latency.firstByte.max - result.latency.connect.max >= SLOW_CONNECT_MS;
  if (!slowFirstByte || recv < 10 || recv < sent * 2 || timeouts < synRetrans * 2 + 10) return undefined;
  return {
    id: STALLS_AFTER_CONNECT,
    severity: 'warning',
    title: 'Requests stalled after a fast connect: data dropped after the handshake',
    explanation:
      'The handshake completed (often by SYN cookie) while the accept queue was full, so the request data the client sent next was dropped and retransmitted with growing timeouts.',
    evidence: [
      counterEvidence('SyncookiesRecv', d),
      counterEvidence('SyncookiesSent', d),
      counterEvidence('TCPTimeouts', d),
      counterEvidence('TCPSynRetrans', d),
      { label: 'Slowest first byte (ms)', value: Math.round(result.latency.firstByte.max), source: 'run latency.firstByte.max' },
      { label: 'Slowest connect (ms)', value: Math.round(result.latency.connect.max), source: 'run latency.connect.max' },
    ],
    fixes: [{ title: 'Raise the backlog and somaxconn, or lower the concurrency (see "Accept queue overflowed")', kind: 'advice' }],
  };
};
