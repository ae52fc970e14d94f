// The listening TCP sockets of this machine with the processes that hold them, per platform:
// Linux reads /proc directly; macOS asks lsof; anything else is reported as not supported.
import { readProcSysctls } from '../system/sysctls';
import type { ListeningSocket } from '../system/listeningSocket';
import { readProcNetTcp, TCP_STATE } from '../system/procNetTcp';
import { findSocketOwners } from '../system/procSocketOwners';
import { readLinuxProcessInfo, type ProcessInfo } from '../system/procProcessInfo';
import { readLsofListeners } from '../system/lsofListeners';
import { readPsProcessInfo } from '../system/psProcessInfo';

export interface ListeningSnapshot {
  sockets: ListeningSocket[];
  /** How to read a process's parent, command line and cwd on this platform. */
  readProcess: (pid: number) => Promise<ProcessInfo | undefined>;
  /** False when net.ipv6.bindv6only=1: then a "::" socket does not accept IPv4. */
  wildcardV6IsDualStack: boolean;
  lookedAt: string[];
  notes: string[];
  supported: boolean;
}

/** The LISTEN rows of /proc/net/tcp and tcp6, before their owners are known. */
export async function readProcListeners(): Promise<Array<Omit<ListeningSocket, 'pids'> & { inode: number }>> {
  return ((await readProcNetTcp()) ?? [])
    .filter((row) => row.state === TCP_STATE.LISTEN)
    .map((row) => ({ address: row.localAddress, port: row.localPort, family: row.family, inode: row.inode }));
}

async function readLinux(): Promise<ListeningSnapshot> {
  const listeners = await readProcListeners();
  const owners = await findSocketOwners(new Set(listeners.map((l) => l.inode)));
  const notes: string[] = [];
  const unowned = listeners.filter((l) => !owners.pidsByInode.has(l.inode)).length;
  if (unowned > 0 && owners.unreadableProcesses > 0) {
    notes.push(
      `${unowned} listening socket(s) belong to processes this user cannot inspect (other users); they were skipped.`,
    );
  }
  const bindv6only = (await readProcSysctls(['net.ipv6.bindv6only'])).values['net.ipv6.bindv6only'] ?? '0';
  return {
    sockets: listeners.map((l) => ({ ...l, pids: owners.pidsByInode.get(l.inode) ?? [] })),
    readProcess: (pid) => readLinuxProcessInfo(pid),
    wildcardV6IsDualStack: bindv6only.trim() !== '1',
    lookedAt: ['/proc/net/tcp', '/proc/net/tcp6', '/proc/<pid>/fd, stat, cmdline, cwd'],
    notes,
    supported: true,
  };
}

async function readMac(): Promise<ListeningSnapshot> {
  const lookedAt = ['lsof -iTCP -sTCP:LISTEN -P -n'];
  try {
    return {
      sockets: await readLsofListeners(),
      readProcess: readPsProcessInfo,
      wildcardV6IsDualStack: true,
      lookedAt,
      notes: [],
      supported: true,
    };
  } catch (err) {
    return unsupported(lookedAt, `Could not run lsof to list listening sockets: ${(err as Error).message}`);
  }
}

function unsupported(lookedAt: string[], note: string): ListeningSnapshot {
  return {
    sockets: [],
    readProcess: async () => undefined,
    wildcardV6IsDualStack: true,
    lookedAt,
    notes: [note],
    supported: false,
  };
}

export async function readListeningSnapshot(platform: NodeJS.Platform = process.platform): Promise<ListeningSnapshot> {
  if (platform === 'linux') return readLinux();
  if (platform === 'darwin') return readMac();
  return unsupported(
    [],
    `Finding running servers is not supported on ${platform} (only Linux and macOS); using the workspace configuration only.`,
  );
}
