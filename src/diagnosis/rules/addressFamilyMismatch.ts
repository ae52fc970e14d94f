// `localhost` resolves to ::1 and 127.0.0.1; a server bound to one family only refuses the other (ECONNREFUSED),
// e.g. Node >= 17 tries ::1 first while the server listens on 127.0.0.1.
import { unreachableAddresses } from '../listenerAddress';
import type { Finding } from '../../shared/findings';
import type { DiagnosisFacts } from './diagnosisFacts';
import type { PreflightRule, RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const LOCALHOST_FAMILY_MISMATCH = 'localhost-family-mismatch';
export const NO_LISTENER = 'no-listener';

function missing(facts: DiagnosisFacts): string[] {
  return unreachableAddresses(facts.listenersOnPort, facts.target.port, facts.target.addresses);
}

function mismatchFinding(facts: DiagnosisFacts, severity: Finding['severity'], unreachable: string[], refused: number): Finding {
  const port = facts.target.port;
  const served = facts.listenersOnPort.map((l) => `${l.address.includes(':') ? `[${l.address}]` : l.address}:${port}`);
  const v6Missing = unreachable.some((a) => a.includes(':'));
  return {
    id: LOCALHOST_FAMILY_MISMATCH,
    severity,
    title: `${facts.target.host} resolves to ${unreachable.join(', ')}, where nothing listens on port ${port}`,
    explanation:
      `The server listens only on ${served.join(', ')}, so connections to ${unreachable.join(', ')} are refused. ` +
      `"${facts.target.host}" resolves to ${facts.target.addresses.join(' and ')}; which one a client tries first depends on the resolver (Node >= 17 keeps the system's order, often ::1 first).`,
    evidence: [
      { label: `Resolved addresses of ${facts.target.host}`, value: facts.target.addresses.join(', '), source: 'DNS lookup (all families)' },
      { label: `Listening sockets on port ${port}`, value: served.join(', ') || 'none', source: 'ss -ltn' },
      ...(refused > 0 ? [{ label: 'ECONNREFUSED errors', value: refused, source: 'run errors' }] : []),
    ],
    fixes: [
      {
        title: v6Missing ? 'Make the server listen on both families' : 'Make the server listen on IPv4 too',
        kind: 'code',
        snippet: `server.listen({ port: ${port}, host: '::' }) // dual-stack: IPv6 and IPv4`,
        detail: "Many dev servers take --host: e.g. `vite --host ::`, `next dev -H ::`; binding '::' accepts IPv4 too unless IPV6_V6ONLY is set.",
      },
      {
        title: `Or target the address the server uses`,
        kind: 'advice',
        detail: `Use http://${served[0] ?? '127.0.0.1'}/ instead of ${facts.target.host}.`,
      },
    ],
  };
}

export const addressFamilyPreflight: PreflightRule = (facts) => {
  if (!facts.listenersReadable) return undefined;
  if (facts.listenersOnPort.length === 0) {
    return {
      id: NO_LISTENER,
      severity: 'warning',
      title: `Nothing listens on port ${facts.target.port}`,
      explanation: 'No listening TCP socket in this network namespace has that port: every connect will be refused unless the server starts first.',
      evidence: [{ label: `Listening sockets on port ${facts.target.port}`, value: 'none', source: 'ss -ltn' }],
      fixes: [{ title: 'Start the dev server, or check the port', kind: 'advice' }],
    };
  }
  const unreachable = missing(facts);
  if (unreachable.length === 0) return undefined;
  return mismatchFinding(facts, unreachable.length === facts.target.addresses.length ? 'error' : 'warning', unreachable, 0);
};

export const addressFamilyAfterRun: RunRule = (facts, result) => {
  const refused = errorCount(result, 'ECONNREFUSED');
  if (refused < 1 || !facts.listenersReadable || facts.listenersOnPort.length === 0) return undefined;
  const unreachable = missing(facts);
  if (unreachable.length === 0) return undefined;
  return mismatchFinding(facts, 'error', unreachable, refused);
};
