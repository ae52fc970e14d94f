// Servers that answer on loopback but belong to no workspace folder (a dev server started from another folder, a
// container's port): offered when the workspace itself names none, so an empty folder still gets a choice. All of
// them, lowest port first: the quick pick filters as the user types (a port, a program, a folder).
import type { DevServerCandidate } from './candidate';
import type { ListeningSnapshot } from './listeningSockets';
import { socketsByPort } from './listeningCandidates';
import { hostForAddresses, urlFor } from './loopbackHost';
import { frameworkFromCommand } from './frameworkFromCommand';
import { isEditorProcess } from './workspaceMembership';

export async function otherLoopbackServers(
  snapshot: ListeningSnapshot,
  excludedPorts: Set<number>,
  path: string,
): Promise<DevServerCandidate[]> {
  const found: DevServerCandidate[] = [];
  const ports = [...socketsByPort(snapshot.sockets)].sort(([a], [b]) => a - b);
  for (const [port, sockets] of ports) {
    if (excludedPorts.has(port)) continue;
    const addresses = [...new Set(sockets.map((s) => s.address))];
    const { host, isLoopback } = hostForAddresses(addresses, snapshot.wildcardV6IsDualStack);
    if (!isLoopback) continue;
    const pid = Math.min(...sockets.flatMap((s) => s.pids));
    const info = Number.isFinite(pid) ? await snapshot.readProcess(pid) : undefined;
    // The editor's own ports (code-server, debug adapters) and this process are never a target.
    if (pid === process.pid || (info && isEditorProcess(info.argv))) continue;
    const program = info?.argv.map((a) => a.split('/').pop()).join(' ');
    const framework = info ? frameworkFromCommand(info.argv.join(' ')) : undefined;
    found.push({
      url: urlFor(host, port, path),
      host,
      port,
      source: 'listening',
      pid: Number.isFinite(pid) ? pid : undefined,
      commandLine: info?.argv.join(' '),
      cwd: info?.cwd,
      framework,
      insideWorkspace: false,
      isLoopback,
      detail: [program ? shorten(program, 60) : 'another user\'s process', Number.isFinite(pid) ? `pid ${pid}` : undefined, info?.cwd ? `in ${info.cwd}` : undefined]
        .filter(Boolean)
        .join(' · '),
    });
  }
  return found;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
