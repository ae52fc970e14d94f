// Not a backlog problem: ECONNRESET with no accept-queue overflow while TCPAbortOnClose rises means the server
// closed sockets that still had unread request data, and the kernel answered with RST.
import { counterEvidence } from './counterEvidence';
import type { RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const SERVER_CLOSED_UNREAD_DATA = 'server-closed-unread-data';

export const serverClosedUnreadData: RunRule = (facts, result) => {
  const resets = errorCount(result, 'ECONNRESET', 'EPIPE');
  const d = facts.counterDeltas;
  if (resets < 1 || (d.ListenOverflows ?? 0) > 0 || (d.TCPAbortOnClose ?? 0) < 1) return undefined;
  return {
    id: SERVER_CLOSED_UNREAD_DATA,
    severity: 'warning',
    title: `${resets} reset${resets === 1 ? '' : 's'}: the server closed connections with unread request data`,
    explanation:
      'When an application closes a socket whose receive buffer still holds data, the kernel sends RST instead of FIN and the client sees "connection reset". No accept-queue overflow happened, so the cause is in the server: it answered (or failed) without reading the whole request.',
    evidence: [
      { label: 'ECONNRESET/EPIPE errors', value: resets, source: 'run errors' },
      counterEvidence('TCPAbortOnClose', d),
      counterEvidence('ListenOverflows', d),
    ],
    fixes: [
      {
        title: 'Read (or drain) the request body before answering and closing',
        kind: 'code',
        snippet: "req.resume(); // Node: drain an unread body before res.end()",
        detail: 'Also check for handlers that close the connection on error before reading the request.',
      },
    ],
  };
};
