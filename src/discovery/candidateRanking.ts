// Best first: listening in the workspace > configured > framework default port. Among listening servers, one on
// a port the configuration names beats a helper port (Next.js and Nuxt open extra ones), a recognised tool beats
// an unknown one, and a cwd match beats a weaker one. Configured ports that listen now come first.
import type { DevServerCandidate } from './candidate';

const SOURCE_RANK = { listening: 0, configured: 1, 'default-port': 2 } as const;
const MATCH_RANK: Record<string, number> = { cwd: 0, 'command-line': 1, ancestor: 2 };

/** Extra facts discovery keeps on listening candidates (see listeningCandidates.ts). */
interface RankingFacts {
  matchedBy?: string;
  portConfigured?: boolean;
}

function rankKey(candidate: DevServerCandidate & RankingFacts): number[] {
  return [
    SOURCE_RANK[candidate.source],
    candidate.source === 'listening' ? (candidate.portConfigured ? 0 : 1) : candidate.detail.includes('not listening') ? 1 : 0,
    candidate.framework ? 0 : 1,
    MATCH_RANK[candidate.matchedBy ?? ''] ?? 0,
    candidate.port,
  ];
}

export function rankCandidates<T extends DevServerCandidate>(candidates: T[]): T[] {
  const keyed = candidates.map((c) => ({ c, key: rankKey(c) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return 0;
  });
  return keyed.map((k) => k.c);
}

/**
 * The candidate to use without asking, when the answer is clear: the only listening server of the workspace,
 * or the only one listening on a port the configuration names.
 */
export function preferredCandidate(candidates: DevServerCandidate[]): DevServerCandidate | undefined {
  const listening = candidates.filter((c) => c.source === 'listening');
  if (listening.length === 1) return listening[0];
  const onKnownPort = listening.filter((c) => (c as RankingFacts).portConfigured);
  return onKnownPort.length === 1 ? onKnownPort[0] : undefined;
}
