// The VS Code experience in a real extension host: runs through the API and the command, the status bar, the panel,
// history on disk, exports, stop keeping results, refusals, and the kernel settings document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import type { FinishedRun } from '../../../src/extension/runController';
import { RunHistory } from '../../../src/extension/runHistory';
import type { LoadTestApi } from '../../../src/extension/extensionApi';
import { PRESET_PROFILES, type LoadProfile } from '../../../src/extension/loadProfiles';
import { openBacklogSource } from '../../../src/extension/backlogSource';
import { runInTerminal } from '../../../src/extension/terminalCommand';
import { AnsweredPrompts, userPrompts } from '../../../src/extension/prompts';
import { extensionExports, type ApiParts } from '../../../src/extension/extensionApi';
import { readRunSettings } from '../../../src/extension/runSettings';
import type { Finding } from '../../../src/shared/findings';
import { generateSampleRun } from '../../fixtures/sampleRun';

const extensionId = `${manifest.publisher}.${manifest.name}`;
const quickProfile: LoadProfile = { id: 'custom', label: 'test: 4 connections, 120 requests', connections: 4, requests: 120, keepAlive: true };

let api: LoadTestApi;
let server: http.Server;
let served = 0;
let url = '';

async function setUrl(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('loadTest').update('url', value, vscode.ConfigurationTarget.Workspace);
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const testLog = vscode.window.createOutputChannel('Load Test (extension tests)', { log: true });

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

describe('extension: load test experience', function () {
  this.timeout(60_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} not found`);
    api = (await extension.activate()) as LoadTestApi;
    assert.equal(typeof api?.runLoadTest, 'function', 'activate() must return the test API');
    server = http.createServer((_req, res) => {
      served++;
      res.end('ok from the test server\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterEach(async () => {
    api.setTestAnswers({});
    api.stop();
    await api.whenIdle();
    await setUrl(undefined);
  });

  after(async () => {
    api?.closePanel();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('runs a bounded load through the API: exact counts, status bar summary, panel opened and initialised', async () => {
    api.closePanel(); // an earlier suite (eventLoop) may have left it open, and an open panel is not initialised again
    const before = served;
    const panelInit = api.nextPanelInit();
    const result = await api.runLoadTest({ url, connections: 4, requests: 200 });
    assert.equal(result.requests.started, 200);
    assert.equal(result.requests.ok, 200);
    assert.equal(result.requests.failed, 0);
    assert.equal(result.statusCodes['200'], 200);
    assert.equal(served - before, 200, 'the server saw every request');
    assert.equal(result.target.port, (server.address() as AddressInfo).port);
    assert.ok(result.throughput.requestsPerSec > 0);
    assert.match(api.statusBarText(), /req\/s · p99 .* · 200 ok$/);
    // The summary sits beside the run button, which stays one click from the next run.
    assert.deepEqual(api.statusBarRunButton(), { text: '$(play) Load test', command: 'loadTest.runAgain' });
    assert.ok(api.panelOpen(), 'the results panel opens when a run starts');
    await within(panelInit, 20_000, 'the webview to post ready and get init');
    assert.deepEqual(api.lastResult(), result);
  });

  it('an earlier run opened from the history stays on screen when the panel\'s page loads again, until a new run starts', async () => {
    await api.runLoadTest({ url, connections: 2, requests: 20 });
    await api.historySaved();
    const earlier = (await api.history())[0]!.runId;
    await api.runLoadTest({ url, connections: 2, requests: 30 });
    await api.historySaved();
    const latest = (await api.history())[0]!.runId;
    assert.notEqual(earlier, latest);
    assert.equal(await api.runIdShownOnReady(), latest, 'the last run by default');
    // What the page's "Open" in Earlier runs posts; its page is reloaded each time the panel is shown again.
    await api.receiveFromPanel({ type: 'openRun', runId: earlier });
    assert.equal(await api.runIdShownOnReady(), earlier, 'hidden and shown again: still the run the user opened');
    const next = await api.runLoadTest({ url, connections: 2, requests: 10 });
    await api.historySaved();
    assert.equal(await api.runIdShownOnReady(), (await api.history())[0]!.runId, 'a new run takes the panel');
    assert.equal(next.requests.started, 10);
  });

  it('persists the run in the workspace history', async () => {
    const result = await api.runLoadTest({ url, connections: 2, requests: 50 });
    await api.historySaved();
    const history = await api.history();
    assert.ok(history.length >= 2, `history has ${history.length} entries`);
    assert.equal(history[0].startedAt, result.startedAt, 'newest first');
    assert.equal(history[0].url, url);
    assert.equal(history[0].requestsPerSec, result.throughput.requestsPerSec);
    assert.equal(history[0].label, '2 connections, keep-alive, 50 requests');
  });

  it('after a window reload the status bar shows the last run from history again', async () => {
    await api.runLoadTest({ url, connections: 2, requests: 30 });
    await api.historySaved();
    const shown = api.statusBarText();
    assert.match(shown, /· 30 ok$/);
    await api.simulateReloadOfStatusBar();
    assert.equal(api.statusBarText(), shown, 'the summary of the newest run on disk');
  });

  it('"Load test localhost" runs the loadTest.url target with the chosen profile', async () => {
    await setUrl(url);
    api.setTestAnswers({ profile: quickProfile });
    const finished = await vscode.commands.executeCommand<FinishedRun | undefined>('loadTest.run');
    assert.ok(finished, 'the command returned no run');
    assert.equal(finished.result.options.url, url);
    assert.equal(finished.result.options.connections, 4);
    assert.equal(finished.result.requests.ok, 120);
    assert.equal(finished.result.options.connectTimeoutMs, 10_000, 'timeouts come from the settings');
  });

  it('"Run again" repeats the last run', async () => {
    await api.runLoadTest({ url, connections: 3, requests: 30, keepAlive: false });
    const again = await vscode.commands.executeCommand<FinishedRun | undefined>('loadTest.runAgain');
    assert.ok(again);
    assert.equal(again.result.requests.ok, 30);
    assert.equal(again.result.options.keepAlive, false);
    assert.ok(again.result.connections.opened >= 30, 'a new connection per request');
  });

  it('stop keeps what was measured; the status bar shows live numbers meanwhile', async () => {
    const running = api.runLoadTest({ url, connections: 4, durationMs: 30_000 });
    await until(() => /req\/s · \d+ err · \d+%/.test(api.statusBarText()), 'live numbers in the status bar');
    assert.ok(api.isRunning());
    await vscode.commands.executeCommand('loadTest.stop');
    const result = await running;
    assert.equal(result.stopReason, 'cancelled');
    assert.ok(result.requests.ok > 0, 'requests measured before the stop are kept');
    assert.ok(result.durationMs < 20_000, `stopped promptly (${result.durationMs} ms)`);
    assert.equal(api.isRunning(), false);
    assert.match(api.statusBarText(), /ok/);
  });

  it('a run stopped early that found nothing leaves the editor hints of the run before; a run that ran its course replaces them', async () => {
    const finding: Finding = { id: 'accept-queue-overflow', severity: 'error', title: 'Accept queue overflowed', explanation: '', evidence: [], fixes: [] };
    const earlier = { ...generateSampleRun().result, findings: [finding] };
    await api.setLastResultForTest(earlier);
    const running = api.runLoadTest({ url, connections: 2, durationMs: 30_000 });
    await until(() => /req\/s · \d+ err · \d+%/.test(api.statusBarText()), 'live numbers in the status bar');
    await vscode.commands.executeCommand('loadTest.stop');
    const stopped = await running;
    assert.equal(stopped.stopReason, 'cancelled');
    assert.deepEqual(stopped.findings, [], 'a plain server: nothing found');
    assert.equal(api.hintedResultForTest(), earlier, 'the hints still come from the run with the finding');
    const whole = await api.runLoadTest({ url, connections: 2, requests: 20 });
    assert.equal(whole.stopReason, 'request-count');
    assert.deepEqual(api.hintedResultForTest()?.startedAt, whole.startedAt, 'a run that ran its course replaces them');
  });

  it('a second run while one is going asks; "cancel" keeps the first, "stop" replaces it', async () => {
    await setUrl(url);
    const first = api.runLoadTest({ url, connections: 2, durationMs: 30_000 });
    await until(() => api.isRunning(), 'the first run');
    api.setTestAnswers({ profile: quickProfile, whenRunning: 'cancel' });
    assert.equal(await vscode.commands.executeCommand('loadTest.run'), undefined);
    assert.ok(api.isRunning(), 'the first run goes on');

    api.setTestAnswers({ profile: quickProfile, whenRunning: 'stop' });
    const second = await vscode.commands.executeCommand<FinishedRun | undefined>('loadTest.run');
    assert.equal((await first).stopReason, 'cancelled');
    assert.equal(second?.result.requests.ok, 120);
  });

  it('closing the panel does not stop the run; "Show results" reopens it live', async () => {
    const running = api.runLoadTest({ url, connections: 2, durationMs: 4_000 });
    await until(() => api.panelOpen() && api.isRunning(), 'the panel and the run');
    api.closePanel();
    assert.equal(api.panelOpen(), false);
    // The status bar shows the run's progress (percent done): it moves on while the panel is closed.
    const atClose = api.statusBarText();
    await until(() => api.isRunning() && api.statusBarText() !== atClose, 'progress after the panel closed');
    const init = api.nextPanelInit();
    await vscode.commands.executeCommand('loadTest.showResults');
    assert.ok(api.panelOpen());
    await within(init, 20_000, 'the reopened panel to initialise');
    const result = await running;
    assert.equal(result.stopReason, 'duration');
  });

  it('exports JSON, CSV and a self-contained HTML report', async () => {
    const result = await api.runLoadTest({ url, connections: 2, requests: 40 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-export-'));
    try {
      const json = vscode.Uri.file(path.join(dir, 'run.json'));
      const csv = vscode.Uri.file(path.join(dir, 'run.csv'));
      const html = vscode.Uri.file(path.join(dir, 'run.html'));
      await vscode.commands.executeCommand('loadTest.export', 'json', json);
      await vscode.commands.executeCommand('loadTest.export', 'csv', csv);
      await vscode.commands.executeCommand('loadTest.export', 'html', html);
      assert.deepEqual(JSON.parse(fs.readFileSync(json.fsPath, 'utf8')), JSON.parse(JSON.stringify(result)));
      assert.match(fs.readFileSync(csv.fsPath, 'utf8'), /^t_s,interval_ms,completed,failed,req_per_s/);
      const page = fs.readFileSync(html.fsPath, 'utf8');
      assert.match(page, /<script type="application\/json" id="load-test-result">/);
      assert.match(page, /Content-Security-Policy/);
      assert.ok(page.includes(result.startedAt));
      assert.doesNotMatch(page, /<script[^>]+src=/, 'no external script');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses before any load: nothing listening, and a non-loopback address', async () => {
    await assert.rejects(api.runLoadTest({ url: 'http://127.0.0.1:1/', requests: 5 }), (err: Error) => {
      assert.equal(err.name, 'TargetUnreachableError');
      return true;
    });
    await assert.rejects(api.runLoadTest({ url: 'http://192.0.2.1:8080/', requests: 5 }), /not loopback/);
    assert.equal(api.isRunning(), false);
    // Through the command the refusal is a notification, not a thrown error.
    await setUrl('http://127.0.0.1:1/');
    api.setTestAnswers({ profile: quickProfile });
    assert.equal(await vscode.commands.executeCommand('loadTest.run'), undefined);
  });

  it('shows the kernel TCP settings of the last target read-only', async function () {
    if (process.platform !== 'linux') return this.skip();
    await api.runLoadTest({ url, connections: 1, requests: 5 });
    await vscode.commands.executeCommand('loadTest.showKernelSettings');
    // Shown rendered: the Markdown preview of our read-only document, not its source.
    const preview = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    await until(() => preview() !== undefined, 'the Markdown preview tab');
    assert.match(preview()!.label, /Kernel TCP settings/);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'load-test-kernel');
    assert.ok(document, 'the settings document was read');
    const text = document.getText();
    assert.match(text, /^# Kernel TCP settings/);
    // Each setting with its value now and what it means, in a table.
    assert.match(text, /^\| `net\.core\.somaxconn` \| \*\*\d+\*\*( \(changed\))? \| 4096 \| Caps every listen\(\) backlog/m);
    assert.match(text, new RegExp(`port ${(server.address() as AddressInfo).port}`));
    await vscode.window.tabGroups.close(preview()!);
  });

  it('declares restricted mode: the URL and non-loopback settings are ignored from untrusted workspaces', () => {
    const capabilities = (manifest as { capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] } } }).capabilities;
    assert.equal(capabilities?.untrustedWorkspaces?.supported, 'limited');
    for (const key of ['loadTest.url', 'loadTest.allowNonLoopback']) {
      assert.ok(capabilities?.untrustedWorkspaces?.restrictedConfigurations?.includes(key), key);
    }
    const allow = vscode.workspace.getConfiguration('loadTest').inspect<boolean>('allowNonLoopback');
    assert.equal(allow?.defaultValue, false);
  });

  it('"Open where the backlog is set" opens the listen() call of the finding\'s port', async () => {
    const finding: Finding = {
      id: 'accept-queue-overflow',
      severity: 'error',
      title: 'Accept queue overflowed',
      explanation: '',
      evidence: [],
      fixes: [],
      subjects: [{ kind: 'listen-backlog', port: 3000 }],
    };
    assert.equal(await openBacklogSource(finding, undefined), true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(path.basename(editor?.document.uri.fsPath ?? ''), 'server.js');
    assert.match(editor!.document.lineAt(editor!.selection.start.line).text, /server\.listen\(/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Run in terminal" runs the confirmed command in the "Load Test" terminal, and nothing when declined', async () => {
    const prompts = new AnsweredPrompts(userPrompts(testLog));
    prompts.answers.confirmTerminal = false;
    assert.equal(await runInTerminal('echo declined', prompts), false);
    prompts.answers.confirmTerminal = true;
    assert.equal(await runInTerminal('echo load-test-terminal', prompts), true);
    const terminal = vscode.window.terminals.find((t) => t.name === 'Load Test');
    assert.ok(terminal, 'a terminal named "Load Test"');
    terminal.dispose();
  });

  it('"Run in terminal" from the panel: the page names a fix, the host finds its command in the result on screen and asks first', async () => {
    const { result } = generateSampleRun();
    const finding = result.findings.find((f) => f.fixes.some((x) => x.command))!;
    const fixIndex = finding.fixes.findIndex((x) => x.command);
    // The fixture's fix is a sysctl; a harmless command in its place, so that a yes changes nothing on this machine.
    finding.fixes[fixIndex].command = 'echo load-test-localhost terminal check';
    const previous = api.lastResult();
    api.adoptResult(result, 'adopted-run');
    const terminals = () => vscode.window.terminals.filter((t) => t.name === 'Load Test').length;
    // The terminal an earlier test disposed leaves the list once VS Code has closed it.
    await until(() => terminals() === 0, 'no "Load Test" terminal left from an earlier test');
    try {
      // What the page posts (test/ui/webview/panelActions.test.ts checks the page sends exactly this shape).
      api.setTestAnswers({ confirmTerminal: false });
      await api.receiveFromPanel({ type: 'runInTerminal', findingId: finding.id, fixIndex });
      assert.equal(api.lastTerminalQuestion(), finding.fixes[fixIndex].command, 'the host asked, showing the command of that fix');
      assert.equal(terminals(), 0, 'declined: no terminal');

      // Text from the page is never a command; a fix that is not in the result runs nothing.
      api.setTestAnswers({ confirmTerminal: true });
      for (const wrong of [
        { type: 'runInTerminal', command: 'echo from-the-page' },
        { type: 'runInTerminal', findingId: finding.id, fixIndex: finding.fixes.length },
        { type: 'runInTerminal', findingId: 'no-such-finding', fixIndex: 0 },
        // A run the history no longer holds: nothing, rather than the same finding of another run.
        { type: 'runInTerminal', findingId: finding.id, fixIndex, runId: 'run-not-in-the-history' },
      ]) {
        await api.receiveFromPanel(wrong);
        assert.equal(api.lastTerminalQuestion(), finding.fixes[fixIndex].command, `no question for ${JSON.stringify(wrong)}`);
      }
      assert.equal(terminals(), 0);

      await api.receiveFromPanel({ type: 'runInTerminal', findingId: finding.id, fixIndex, runId: 'adopted-run' });
      await until(() => terminals() === 1, 'confirmed: the "Load Test" terminal runs it');
    } finally {
      api.setTestAnswers({});
      if (previous) api.adoptResult(previous);
      for (const t of vscode.window.terminals.filter((x) => x.name === 'Load Test')) t.dispose();
    }
  });

  it('workspace settings cannot enable non-loopback targets; the user setting asks first, naming the host and the load', async () => {
    const settingsFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
    const before = await vscode.workspace.fs.readFile(settingsFile).then((b) => b, () => undefined);
    // What a hostile repository ships.
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'loadTest.url': 'http://192.0.2.10:8080/', 'loadTest.allowNonLoopback': true })));
    try {
      // VS Code read the file (its loadTest.url is there), and its allowNonLoopback is still ignored.
      await until(() => vscode.workspace.getConfiguration('loadTest').inspect<string>('url')?.workspaceValue === 'http://192.0.2.10:8080/', 'the workspace settings to be read');
      assert.equal(readRunSettings().allowNonLoopback, false, 'a workspace value must not allow other hosts');
      const refused = await api.executeAsCommand({ url: 'http://192.0.2.10:8080/', connections: 1, requests: 5, ...readRunSettings() });
      assert.equal(refused, undefined, 'no run against 192.0.2.10');
      assert.equal(api.lastNonLoopbackQuestion(), undefined, 'not even a question: the engine refused it as not loopback');

      // The user's own setting: each run asks, naming the host and the load; "no" starts nothing.
      await vscode.workspace.getConfiguration('loadTest').update('allowNonLoopback', true, vscode.ConfigurationTarget.Global);
      try {
        assert.equal(readRunSettings().allowNonLoopback, true);
        api.setTestAnswers({ confirmNonLoopback: false });
        const declined = await api.executeAsCommand({ url: 'http://192.0.2.10:8080/', connections: 4, requests: 50, ...readRunSettings() });
        assert.equal(declined, undefined);
        assert.deepEqual(api.lastNonLoopbackQuestion(), { host: '192.0.2.10', load: '50 requests over 4 connections' });
      } finally {
        await vscode.workspace.getConfiguration('loadTest').update('allowNonLoopback', undefined, vscode.ConfigurationTarget.Global);
      }
    } finally {
      if (before) await vscode.workspace.fs.writeFile(settingsFile, before);
      else await vscode.workspace.fs.delete(settingsFile);
    }
  });

  it('rebuilds a damaged history index from the run files and prunes orphans', async () => {
    api.setTestAnswers({ profile: quickProfile });
    await api.runLoadTest({ url, connections: 1, requests: 5 });
    await api.historySaved();
    await api.runLoadTest({ url, connections: 1, requests: 6 });
    await api.historySaved();
    const dir = api.historyDir();
    const index = vscode.Uri.joinPath(dir, 'history.json');
    const whole = Buffer.from(await vscode.workspace.fs.readFile(index)).toString('utf8');
    const runs = (JSON.parse(whole) as Array<{ runId: string }>).map((e) => e.runId);
    assert.ok(runs.length >= 2);
    // A crash cut the index in half, and left a run file no index lists.
    await vscode.workspace.fs.writeFile(index, Buffer.from(whole.slice(0, Math.floor(whole.length / 2))));
    const orphan = vscode.Uri.joinPath(dir, 'run-orphan-left-by-a-crash.json');
    await vscode.workspace.fs.writeFile(orphan, Buffer.from('{"cut'));
    const rebuilt = await api.history();
    assert.deepEqual(rebuilt.map((e) => e.runId), runs, 'every readable run, newest first');
    assert.deepEqual((JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(index)).toString('utf8')) as Array<{ runId: string }>).map((e) => e.runId), runs);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(orphan)), 'the unreadable orphan was pruned');
    const names = (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name);
    assert.ok(!names.some((n) => n.endsWith('.tmp')), `no temp files left: ${names.join(', ')}`);
  });

  it('history: a first run is no "damaged index"; a run added to a damaged index is kept, and the rebuild counts the others', async () => {
    const dir = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-history-')));
    const history = new RunHistory(dir, 5);
    const rebuilds: number[] = [];
    history.onRebuilt = (runs) => rebuilds.push(runs);
    const result = api.lastResult()!;
    await history.add('run-first', result);
    assert.deepEqual(rebuilds, [], 'no warning on a first run');
    await history.add('run-second', result);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'history.json'), Buffer.from('[{"run'));
    await history.add('run-third', result);
    assert.deepEqual(rebuilds, [2], 'the rebuild found the two earlier runs');
    assert.deepEqual((await history.entries()).map((e) => e.runId).sort(), ['run-first', 'run-second', 'run-third']);
    assert.ok(await history.load('run-third'), 'the run added during the rebuild is still on disk');
    fs.rmSync(dir.fsPath, { recursive: true, force: true });
  });

  it('hands test hooks out only in ExtensionMode.Test, and only with pre-answerable prompts', () => {
    const parts = { prompts: new AnsweredPrompts(userPrompts(testLog)) } as unknown as ApiParts;
    assert.equal(extensionExports(vscode.ExtensionMode.Production, parts), undefined);
    assert.equal(extensionExports(vscode.ExtensionMode.Development, parts), undefined);
    assert.equal(extensionExports(vscode.ExtensionMode.Test, { prompts: userPrompts(testLog) } as unknown as ApiParts), undefined);
    const setting = (manifest as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } }).contributes.configuration.properties['loadTest.allowNonLoopback'];
    assert.equal(setting.scope, 'application', 'a workspace cannot override it');
  });

  it('offers the presets in the documented words', () => {
    assert.deepEqual(
      PRESET_PROFILES.map((p) => p.label),
      ['Quick check: 10 connections, keep-alive, 10 s', 'Like ab -c 50 -n 1000: new connection per request', 'Constant rate: 200 req/s for 20 s'],
    );
  });
});
