// Which listening processes belong to the workspace, on process trees written out here (no /proc).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchWorkspace } from '../../../src/discovery/workspaceMembership';
import type { ProcessInfo } from '../../../src/system/procProcessInfo';

const WORKSPACE = '/home/dev/shop';
const shell: ProcessInfo = { pid: 100, ppid: 1, argv: ['bash'], cwd: WORKSPACE };
const tree = new Map([[shell.pid, shell]]);
const readProcess = async (pid: number) => tree.get(pid);

describe('matchWorkspace', () => {
  it('a server whose cwd is in the workspace is the workspace\'s', async () => {
    const server: ProcessInfo = { pid: 200, ppid: 100, argv: ['php', '-S', '127.0.0.1:8000'], cwd: `${WORKSPACE}/public` };
    assert.deepEqual(await matchWorkspace(server, [WORKSPACE], readProcess), { folder: WORKSPACE, by: 'cwd' });
  });

  it('a server running from another project is not, even when the shell that started it has moved here since', async () => {
    const server: ProcessInfo = { pid: 201, ppid: 100, argv: ['php', '-S', '127.0.0.1:18751'], cwd: '/home/dev/other-project' };
    assert.equal(await matchWorkspace(server, [WORKSPACE], readProcess), undefined);
  });

  it('a launcher in the workspace (npm, node) speaks for the server it started elsewhere', async () => {
    const npm: ProcessInfo = { pid: 110, ppid: 100, argv: ['npm', 'run', 'dev'], cwd: WORKSPACE };
    tree.set(npm.pid, npm);
    try {
      const server: ProcessInfo = { pid: 204, ppid: 110, argv: ['node', '-e', '…'], cwd: '/tmp/build' };
      assert.deepEqual(await matchWorkspace(server, [WORKSPACE], readProcess), { folder: WORKSPACE, by: 'ancestor', ancestorPid: 110 });
    } finally {
      tree.delete(npm.pid);
    }
  });

  it('a shell speaks for a server whose own cwd says nothing (unreadable, or "/")', async () => {
    for (const cwd of [undefined, '/']) {
      const server: ProcessInfo = { pid: 202, ppid: 100, argv: ['/usr/local/bin/devd'], cwd };
      assert.deepEqual(await matchWorkspace(server, [WORKSPACE], readProcess), { folder: WORKSPACE, by: 'ancestor', ancestorPid: 100 }, String(cwd));
    }
  });

  it('a path on the command line inside the workspace counts, wherever the server runs from', async () => {
    const server: ProcessInfo = { pid: 203, ppid: 1, argv: ['hugo', 'server', '--source', `${WORKSPACE}/site`], cwd: '/tmp' };
    assert.deepEqual(await matchWorkspace(server, [WORKSPACE], readProcess), { folder: WORKSPACE, by: 'command-line' });
  });
});
