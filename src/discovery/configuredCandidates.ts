// Ports the workspace configuration names, turned into candidates. One per port: the same port named by several
// files is one candidate whose detail lists them. A port already found listening in the workspace is skipped.
import type { DevServerCandidate } from './candidate';
import type { ConfiguredPort } from './workspaceConfig';
import type { ListeningSocket } from '../system/listeningSocket';
import { hostForAddresses, isLoopbackHost, normalizePath, urlFor } from './loopbackHost';

function urlFromLaunch(url: string, path: string | undefined): URL {
  const parsed = new URL(url);
  if (path && path !== '/') {
    const wanted = new URL(normalizePath(path), parsed);
    parsed.pathname = wanted.pathname;
    parsed.search = wanted.search;
  }
  return parsed;
}

export function configuredCandidates(
  ports: ConfiguredPort[],
  listeningElsewhere: Map<number, ListeningSocket[]>,
  excludedPorts: Set<number>,
  path: string | undefined,
  wildcardV6IsDualStack = true,
): DevServerCandidate[] {
  const byPort = new Map<number, ConfiguredPort[]>();
  for (const entry of ports) {
    if (excludedPorts.has(entry.port)) continue;
    byPort.set(entry.port, [...(byPort.get(entry.port) ?? []), entry]);
  }
  const candidates: DevServerCandidate[] = [];
  for (const [port, entries] of byPort) {
    // An explicit setting outranks a framework default; a launch.json URL brings its own host and scheme.
    const best = entries.find((e) => e.source === 'configured') ?? entries[0]!;
    const launch = entries.find((e) => e.url);
    const sockets = listeningElsewhere.get(port);
    let host = 'localhost';
    let url: string;
    if (launch?.url && !['localhost', '127.0.0.1', '[::1]'].includes(new URL(launch.url).hostname)) {
      const parsed = urlFromLaunch(launch.url, path);
      host = parsed.hostname;
      url = parsed.toString();
    } else {
      if (sockets) host = hostForAddresses(sockets.map((s) => s.address), wildcardV6IsDualStack).host;
      const scheme = launch?.url ? new URL(launch.url).protocol.slice(0, -1) : 'http';
      const launchPath = launch?.url && (!path || path === '/') ? new URL(launch.url).pathname : path;
      url = urlFor(host, port, launchPath, scheme);
    }
    const isLoopback = isLoopbackHost(host);
    const state = !isLoopback
      ? 'not a loopback address'
      : sockets
        ? `listening (pid ${sockets.flatMap((s) => s.pids).join(', ') || 'unknown'}, not started from the workspace)`
        : 'not listening';
    candidates.push({
      url,
      host,
      port,
      source: best.source,
      framework: entries.find((e) => e.framework)?.framework,
      insideWorkspace: true,
      isLoopback,
      detail: `${[...new Set(entries.map((e) => e.origin))].join('; ')} · ${state}`,
    });
  }
  return candidates;
}
