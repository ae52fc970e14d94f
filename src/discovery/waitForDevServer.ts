// After starting a dev script: wait until it listens. Dev servers do not always take the port we expect (Vite
// moves to 5174 when 5173 is busy), so a listener started by the script's process tree counts too.
import { realpath } from 'node:fs/promises';
import type { DevServerCandidate } from './candidate';
import { readListeningSnapshot, type ListeningSnapshot } from './listeningSockets';
import { listeningCandidates } from './listeningCandidates';
import { normalizePath } from './loopbackHost';
import { probePort, waitForPort } from './waitForPort';

export interface WaitForDevServerOptions {
  workspaceFolders: string[];
  /** The pid of the started script (the shell of the task), when known. */
  rootPid?: number;
  expectedPort?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  path?: string;
  pollIntervalMs?: number;
}

async function descendsFrom(pid: number, rootPid: number, snapshot: ListeningSnapshot): Promise<boolean> {
  let current: number | undefined = pid;
  for (let depth = 0; current !== undefined && current > 1 && depth < 16; depth++) {
    if (current === rootPid) return true;
    current = (await snapshot.readProcess(current))?.ppid;
  }
  return false;
}

/** The listening server, or undefined when the time ran out or the signal aborted. */
export async function waitForDevServer(options: WaitForDevServerOptions): Promise<DevServerCandidate | undefined> {
  const folders = await Promise.all(options.workspaceFolders.map((f) => realpath(f).catch(() => f)));
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.pollIntervalMs ?? 500;
  while (!options.signal?.aborted) {
    const snapshot = await readListeningSnapshot();
    if (snapshot.supported) {
      const found = await listeningCandidates(snapshot, folders, undefined, normalizePath(options.path));
      for (const candidate of found) {
        if (candidate.port === options.expectedPort) return candidate;
        if (options.rootPid !== undefined && (await descendsFrom(candidate.pid!, options.rootPid, snapshot))) return candidate;
      }
    } else if (options.expectedPort !== undefined) {
      // No process table here: only the expected port can tell.
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      const up = await waitForPort(options.expectedPort, { timeoutMs: remaining, signal: options.signal });
      if (!up) return undefined;
      const accepted = (await probePort(options.expectedPort)) ?? '127.0.0.1';
      const host = accepted.includes(':') ? `[${accepted}]` : accepted;
      return {
        url: `http://${host}:${options.expectedPort}${normalizePath(options.path)}`,
        host,
        port: options.expectedPort,
        source: 'listening',
        insideWorkspace: true,
        isLoopback: true,
        detail: `port ${options.expectedPort} accepts connections`,
      };
    }
    if (Date.now() + interval > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return undefined;
}
