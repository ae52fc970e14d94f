// Listening sockets -> one candidate per port whose process belongs to the workspace.
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DevServerCandidate } from './candidate';
import { parseFlaskApp } from './flaskApp';
import type { ListeningSocket } from '../system/listeningSocket';
import type { ListeningSnapshot } from './listeningSockets';
import type { SsListener } from '../system/ssListen';
import { backlogFor } from '../system/ssBacklog';
import { hostForAddresses, urlFor } from './loopbackHost';
import { isEditorProcess, matchWorkspace, type WorkspaceMatch } from './workspaceMembership';
import { frameworkFromCommand, refineWithDependencies } from './frameworkFromCommand';
import { readPackageManifest } from './packageManifest';
import type { ProcessInfo } from '../system/procProcessInfo';

export interface ListeningCandidate extends DevServerCandidate {
  source: 'listening';
  matchedBy: WorkspaceMatch['by'];
  addresses: string[];
  /** The workspace configuration names this port (a script, config file, .env or launch.json). */
  portConfigured?: boolean;
}

export function socketsByPort(sockets: ListeningSocket[]): Map<number, ListeningSocket[]> {
  const byPort = new Map<number, ListeningSocket[]>();
  for (const socket of sockets) byPort.set(socket.port, [...(byPort.get(socket.port) ?? []), socket]);
  return byPort;
}

/**
 * The listening sockets of each server: by port, then by the process that holds them (the lowest pid of a socket:
 * forked workers share their parent's socket). Two servers on one port, one on 127.0.0.1 and one on ::1, stay two.
 */
export function socketsByServer(sockets: ListeningSocket[]): Array<[port: number, sockets: ListeningSocket[]]> {
  const byOwner = new Map<string, { port: number; sockets: ListeningSocket[] }>();
  for (const socket of sockets) {
    const owner = socket.pids.length > 0 ? Math.min(...socket.pids) : `inode ${socket.inode ?? socket.address}`;
    const key = `${socket.port}|${owner}`;
    const group = byOwner.get(key);
    if (group) group.sockets.push(socket);
    else byOwner.set(key, { port: socket.port, sockets: [socket] });
  }
  return [...byOwner.values()].map((g) => [g.port, g.sockets]);
}

function describeMatch(match: WorkspaceMatch, info: ProcessInfo): string {
  if (match.by === 'cwd') return `cwd ${info.cwd}`;
  if (match.by === 'command-line') return `started with a path in ${match.folder}`;
  return `started from pid ${match.ancestorPid} in ${match.folder}`;
}

/** Puma runs Rails only where bin/rails is; `python3 app.py` is Flask when the file makes a Flask app. */
async function refineFromFiles(recognised: string | undefined, info: ProcessInfo): Promise<string | undefined> {
  if (!info.cwd) return recognised;
  if (recognised === 'puma') return (await access(path.join(info.cwd, 'bin/rails')).then(() => true, () => false)) ? 'rails' : recognised;
  const script = info.argv.slice(1).find((a) => !a.startsWith('-'));
  if (recognised === undefined && /(^|\/)python[\d.]*$/.test(info.argv[0] ?? '') && script?.endsWith('.py')) {
    const file = path.resolve(info.cwd, script);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined && text.length < 512 * 1024 && parseFlaskApp(text, file)) return 'flask';
  }
  return recognised;
}

async function frameworkOf(info: ProcessInfo, match: WorkspaceMatch): Promise<string | undefined> {
  const recognised = frameworkFromCommand(info.argv.join(' '));
  if (recognised !== 'vite' && recognised !== 'node') return refineFromFiles(recognised, info);
  const manifest = (info.cwd && (await readPackageManifest(info.cwd))) || (await readPackageManifest(match.folder));
  return refineWithDependencies(recognised, manifest?.dependencies ?? new Set());
}

export async function listeningCandidates(
  snapshot: ListeningSnapshot,
  folders: string[],
  ssRows: SsListener[] | undefined,
  path: string,
): Promise<ListeningCandidate[]> {
  const candidates: ListeningCandidate[] = [];
  for (const [port, sockets] of socketsByServer(snapshot.sockets)) {
    // Forked workers share the socket; the lowest pid is usually the parent that opened it.
    const pid = Math.min(...sockets.flatMap((s) => s.pids));
    if (!Number.isFinite(pid) || pid === process.pid) continue;
    const info = await snapshot.readProcess(pid);
    if (!info || isEditorProcess(info.argv)) continue; // exited meanwhile, or VS Code's own port
    const match = await matchWorkspace(info, folders, snapshot.readProcess);
    if (!match) continue;
    const addresses = [...new Set(sockets.map((s) => s.address))];
    const { host, isLoopback } = hostForAddresses(addresses, snapshot.wildcardV6IsDualStack);
    const backlogs = ssRows ? sockets.map((s) => backlogFor(ssRows, s)).filter((b): b is number => b !== undefined) : [];
    const backlog = backlogs.length > 0 ? Math.min(...backlogs) : undefined;
    const framework = await frameworkOf(info, match);
    const detail = [
      framework ?? 'server',
      `pid ${pid}`,
      `listening on ${addresses.map((a) => (a.includes(':') ? `[${a}]` : a)).join(', ')}`,
      backlog !== undefined ? `backlog ${backlog}` : undefined,
      describeMatch(match, info),
    ]
      .filter(Boolean)
      .join(' · ');
    candidates.push({
      url: urlFor(host, port, path),
      host,
      port,
      source: 'listening',
      pid,
      commandLine: info.argv.join(' '),
      cwd: info.cwd,
      framework,
      backlog,
      insideWorkspace: true,
      isLoopback,
      detail,
      matchedBy: match.by,
      addresses,
    });
  }
  return candidates;
}
