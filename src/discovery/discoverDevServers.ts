// "What should 'Load test localhost' hit?": running servers of the workspace first, then what its configuration
// names, plus the scripts that would start one.
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type { DevServerCandidate, DiscoveryReport } from './candidate';
import { readListeningSnapshot } from './listeningSockets';
import { readSsListen } from '../system/ssBacklog';
import { readNetstatListenRows } from '../system/netstatListenQueues';
import { listeningCandidates, socketsByPort, type ListeningCandidate } from './listeningCandidates';
import { readWorkspaceConfig, type ConfiguredPort } from './workspaceConfig';
import { configuredCandidates } from './configuredCandidates';
import { rankCandidates } from './candidateRanking';
import { normalizePath } from './loopbackHost';

/** /proc reports real paths; a workspace opened through a symlink (/tmp on macOS) must compare as one. */
async function realFolders(folders: string[]): Promise<string[]> {
  return Promise.all(folders.map((f) => realpath(path.resolve(f)).catch(() => path.resolve(f))));
}

function markConfiguredPorts(listening: ListeningCandidate[], ports: ConfiguredPort[]): void {
  for (const candidate of listening) {
    const named = ports.filter((p) => p.port === candidate.port);
    if (named.length === 0) continue;
    candidate.portConfigured = true;
    candidate.framework ??= named.find((p) => p.framework)?.framework;
    candidate.detail += ` · port from ${named[0]!.origin}`;
  }
}

/** `platform` picks which system's tools are read (default: this one's); tests run the macOS path on Linux. */
export async function discoverDevServers(workspaceFolders: string[], options?: { path?: string; platform?: NodeJS.Platform }): Promise<DiscoveryReport> {
  const urlPath = normalizePath(options?.path);
  const platform = options?.platform ?? process.platform;
  const folders = await realFolders(workspaceFolders);
  const notes: string[] = [];
  const snapshot = await readListeningSnapshot(platform);
  notes.push(...snapshot.notes);
  // The accept-queue capacity of each listener: ss on Linux, netstat -L on macOS.
  const ssRows = platform === 'linux' ? await readSsListen() : platform === 'darwin' ? await readNetstatListenRows() : undefined;
  if (platform === 'linux' && !ssRows) notes.push('`ss` is not available: listen backlogs are unknown.');
  if (platform === 'darwin' && !ssRows) notes.push('`netstat -Lan -p tcp` could not be read: listen backlogs are unknown.');

  const listening = await listeningCandidates(snapshot, folders, ssRows, urlPath);
  const configs = await Promise.all(folders.map(readWorkspaceConfig));
  const ports = configs.flatMap((c) => c.ports);
  markConfiguredPorts(listening, ports);

  // A server may exit while we read /proc: check once more that each listening port is still there.
  const after = await readListeningSnapshot(platform);
  const stillListening = new Set(after.sockets.map((s) => s.port));
  const alive = listening.filter((c) => stillListening.has(c.port));
  for (const gone of listening.filter((c) => !stillListening.has(c.port))) {
    notes.push(`Port ${gone.port} (pid ${gone.pid}) stopped listening during discovery.`);
  }

  const elsewhere = socketsByPort(after.sockets);
  const configured = configuredCandidates(
    ports,
    elsewhere,
    new Set(alive.map((c) => c.port)),
    urlPath,
    after.wildcardV6IsDualStack,
  );
  const candidates: DevServerCandidate[] = rankCandidates<DevServerCandidate>([...alive, ...configured]);
  return {
    candidates,
    lookedAt: [...snapshot.lookedAt, ...(ssRows ? [platform === 'darwin' ? 'netstat -Lan -p tcp' : 'ss -ltne'] : []), ...configs.flatMap((c) => c.lookedAt)],
    notes,
    startable: configs.flatMap((c) => c.scripts),
  };
}
