// Listening sockets on macOS (and other systems with lsof): `lsof -iTCP -sTCP:LISTEN -P -n -F pctn`.
// Field output as lsof(8) documents it (OUTPUT FOR OTHER PROGRAMS): one field per line, identifier first;
// "p<pid>" starts a process set ("c<command>" belongs to it), "f<fd>" a file set with "t<IPv4|IPv6>" and
// "n<address:port>". In NAME, IPv6 numbers are in brackets and INADDR_ANY / in6addr_any print as "*", so the
// family of a "*" comes from the t field; -n and -P keep addresses and ports numeric.
import { runCommand } from './runCommand';
import type { ListeningSocket } from './listeningSocket';

export interface LsofListener extends ListeningSocket {
  command?: string;
}

function splitAddress(name: string, type: string | undefined): { address: string; family: 4 | 6; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(name.replace(/->.*$/, ''));
  if (!match) return undefined;
  let host = match[1]!;
  const port = Number(match[2]);
  const bracketed = host.startsWith('[');
  if (bracketed) host = host.slice(1, -1);
  const family: 4 | 6 = type === 'IPv6' || bracketed || host.includes(':') ? 6 : 4;
  if (host === '*') host = family === 6 ? '::' : '0.0.0.0';
  return { address: host, family, port };
}

export function parseLsofListen(text: string): LsofListener[] {
  const listeners: LsofListener[] = [];
  let pid: number | undefined;
  let command: string | undefined;
  let type: string | undefined;
  for (const line of text.split('\n')) {
    const field = line[0];
    const value = line.slice(1);
    if (field === 'p') {
      pid = Number(value);
      command = undefined;
    } else if (field === 'c') command = value;
    else if (field === 'f') type = undefined;
    else if (field === 't') type = value;
    else if (field === 'n' && pid !== undefined) {
      const parsed = splitAddress(value, type);
      if (!parsed) continue;
      const key = `${parsed.address}|${parsed.port}`;
      const existing = listeners.find((l) => `${l.address}|${l.port}` === key);
      if (existing) {
        // The same socket shared by forked workers.
        if (!existing.pids.includes(pid)) existing.pids.push(pid);
        continue;
      }
      listeners.push({ ...parsed, pids: [pid], command });
    }
  }
  return listeners;
}

export async function readLsofListeners(): Promise<LsofListener[]> {
  // lsof exits 1 when nothing matches; that is an empty answer, not a failure.
  const out = await runCommand('lsof', ['-iTCP', '-sTCP:LISTEN', '-P', '-n', '-F', 'pctn'], 5000);
  if (out.ok || out.exitCode === 1) return parseLsofListen(out.stdout);
  throw new Error(out.error);
}
