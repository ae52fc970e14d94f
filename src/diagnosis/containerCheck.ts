// Whether this process runs in a container: its TCP counters and sysctls are then the container's network
// namespace's, not the host's. The usual markers of Docker, Podman and Kubernetes; a false "no" only loses a caveat.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const CGROUP_OF_CONTAINER = /docker|kubepods|containerd|libpod|lxc/;

/** `root` is "/" but for tests. */
export async function runsInContainer(env: NodeJS.ProcessEnv = process.env, root = '/'): Promise<boolean> {
  if (env.container) return true; // set by systemd-nspawn and Podman
  for (const marker of ['.dockerenv', 'run/.containerenv']) {
    if (await access(join(root, marker)).then(() => true, () => false)) return true;
  }
  const cgroup = await readFile(join(root, 'proc/1/cgroup'), 'utf8').catch(() => '');
  return CGROUP_OF_CONTAINER.test(cgroup);
}
