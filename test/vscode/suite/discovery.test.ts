// pickTarget inside a real extension host: the pinned URL setting, and a server started in the open workspace
// folder found without asking (it is the remembered target).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { LAST_TARGET_KEY, pickTarget } from '../../../src/extension/targetPicker';
import { DEV_SERVER_TASK_TYPE, startDevServer } from '../../../src/extension/devServerTask';
import { fakeContext } from '../support/fakeContext';
import { recordingLog } from '../support/recordingLog';


async function setSetting(key: 'url' | 'path', value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('loadTest').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('discovery: pickTarget', () => {
  afterEach(async () => {
    await setSetting('url', undefined);
    await setSetting('path', undefined);
  });

  it('returns the URL pinned by loadTest.url, flagged loopback', async () => {
    await setSetting('url', 'http://127.0.0.1:4999/pinned');
    const target = await pickTarget(fakeContext(), recordingLog());
    assert.equal(target?.url, 'http://127.0.0.1:4999/pinned');
    assert.equal(target?.candidate?.isLoopback, true);
    assert.equal(target?.candidate?.port, 4999);
  });

  it('adds loadTest.path to a pinned URL without a path; flags a non-loopback URL', async () => {
    await setSetting('url', 'http://example.test:8080');
    await setSetting('path', '/health');
    const target = await pickTarget(fakeContext(), recordingLog());
    assert.equal(target?.url, 'http://example.test:8080/health');
    assert.equal(target?.candidate?.isLoopback, false);
  });

  describe('with a server running in the workspace folder', function () {
    let server: ChildProcess | undefined;
    let port = 0;

    before(async function () {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!folder || (process.platform !== 'linux' && process.platform !== 'darwin')) return this.skip();
      // A plain `node` from PATH: the editor's own Electron binary is deliberately ignored by discovery.
      const source = "const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('PORT='+s.address().port))";
      const child = spawn('node', ['-e', source], { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
      server = child;
      port = await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.stdout?.on('data', (d: Buffer) => {
          const match = /PORT=(\d+)/.exec(String(d));
          if (match) resolve(Number(match[1]));
        });
      }).catch(() => 0);
      if (port === 0) return this.skip(); // no `node` on PATH
    });

    after(() => {
      server?.kill();
    });

    it('returns the remembered running server without asking, and remembers it again', async () => {
      const context = fakeContext({ [LAST_TARGET_KEY]: `http://127.0.0.1:${port}/` });
      const log = recordingLog();
      const target = await pickTarget(context, log);
      assert.equal(target?.url, `http://127.0.0.1:${port}/`);
      // The output channel tells each step: discovery with what it found and how long it took, then the choice.
      const finished = log.lines.find((l) => l.startsWith('[info] Discovery finished in '));
      assert.ok(log.lines.some((l) => l.startsWith('[info] Discovery started in ')), log.lines.join('\n'));
      assert.match(finished ?? '', new RegExp(`^\\[info\\] Discovery finished in \\d+ ms: candidates: http://127\\.0\\.0\\.1:${port}/ \\(listening`));
      assert.ok(log.lines.some((l) => l.includes(`Chose http://127.0.0.1:${port}/ without asking (used last time)`)), log.lines.join('\n'));
      assert.equal(target?.candidate?.source, 'listening');
      assert.equal(target?.candidate?.insideWorkspace, true);
      assert.equal(context.workspaceState.get(LAST_TARGET_KEY), `http://127.0.0.1:${port}/`);
    });
  });
});

describe('discovery: startDevServer', () => {
  after(() => {
    for (const execution of vscode.tasks.taskExecutions) {
      if (execution.task.definition.type === DEV_SERVER_TASK_TYPE) execution.terminate();
    }
  });

  it('runs a script as a task and finds the port it listens on (no expected port given)', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder || process.platform !== 'linux') return this.skip();
    this.timeout(60_000);
    const server = `require('http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1')`;
    const found = await startDevServer(
      { name: 'serve-test', command: 'node -e ...', runCommand: `node -e "${server}"`, cwd: folder },
      { timeoutMs: 30_000, path: '/ready' },
    );
    assert.ok(found, 'the started server was not found');
    assert.equal(found.source, 'listening');
    assert.equal(found.host, '127.0.0.1');
    assert.match(found.url, /^http:\/\/127\.0\.0\.1:\d+\/ready$/);
  });
});
