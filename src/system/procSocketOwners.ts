// Which processes hold which socket inodes: /proc/<pid>/fd entries read "socket:[<inode>]". Processes of other
// users are unreadable without root; we count them so the report can say so.
import { readdir, readlink } from 'node:fs/promises';

export interface SocketOwners {
  pidsByInode: Map<number, number[]>;
  unreadableProcesses: number;
}

export async function findSocketOwners(inodes: Set<number>, procRoot = '/proc'): Promise<SocketOwners> {
  const pidsByInode = new Map<number, number[]>();
  let unreadableProcesses = 0;
  const pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name)).map(Number);
  await Promise.all(
    pids.map(async (pid) => {
      let fds: string[];
      try {
        fds = await readdir(`${procRoot}/${pid}/fd`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EACCES') unreadableProcesses++;
        return; // ENOENT: the process exited meanwhile.
      }
      for (const fd of fds) {
        const target = await readlink(`${procRoot}/${pid}/fd/${fd}`).catch(() => '');
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (!match) continue;
        const inode = Number(match[1]);
        if (!inodes.has(inode)) continue;
        const owners = pidsByInode.get(inode) ?? [];
        if (!owners.includes(pid)) owners.push(pid);
        pidsByInode.set(inode, owners);
      }
    }),
  );
  for (const owners of pidsByInode.values()) owners.sort((a, b) => a - b);
  return { pidsByInode, unreadableProcesses };
}
