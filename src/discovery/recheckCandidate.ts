// Right before a target is handed out: is it still listening? A server may have stopped since discovery.
// A `localhost` candidate (nothing listened when it was found) gets the numeric address that accepted.
import type { DevServerCandidate } from './candidate';
import { urlFor } from './loopbackHost';
import { probePort } from './waitForPort';

export type RecheckStatus = 'listening' | 'not-listening' | 'not-checked';

export async function recheckCandidate(
  candidate: DevServerCandidate,
): Promise<{ status: RecheckStatus; candidate: DevServerCandidate; message?: string }> {
  if (!candidate.isLoopback) {
    return { status: 'not-checked', candidate, message: `${candidate.url} is not a loopback address; it was not probed.` };
  }
  const accepted = await probePort(candidate.port, candidate.host);
  if (!accepted) {
    const what = candidate.pid ? ` (pid ${candidate.pid}${candidate.framework ? `, ${candidate.framework}` : ''})` : '';
    const message =
      candidate.source === 'listening'
        ? `Port ${candidate.port}${what} stopped listening.`
        : `Nothing listens on port ${candidate.port} (${candidate.detail}).`;
    return { status: 'not-listening', candidate, message };
  }
  if (candidate.host !== 'localhost') return { status: 'listening', candidate };
  const host = accepted.includes(':') ? `[${accepted}]` : accepted;
  const url = new URL(candidate.url);
  const updated = { ...candidate, host, url: urlFor(host, candidate.port, url.pathname + url.search, url.protocol.slice(0, -1)) };
  return { status: 'listening', candidate: updated };
}
