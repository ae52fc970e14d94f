// Editor hints in a real VS Code: lenses, hovers, diagnostics and the backlog quick fix on sample servers in
// several languages (test/fixtures/hints). Drives the hints through the test hook activate() returns.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import type { Finding } from '../../../src/shared/findings';
import type { RunResult } from '../../../src/shared/result';
import type { HintsTestHook } from '../../../src/extension/editorHints/index';

const extensionId = `${manifest.publisher}.${manifest.name}`;

const overflow: Finding = {
  id: 'accept-queue-overflow',
  severity: 'error',
  title: 'Accept queue overflowed',
  explanation: 'More connections arrived than the listener could queue.',
  evidence: [{ label: 'ListenOverflows', value: 369, source: '/proc/net/netstat TcpExt.ListenOverflows (delta over the run)' }],
  fixes: [{
    title: 'Raise somaxconn',
    kind: 'command',
    command: 'sudo sysctl -w net.core.somaxconn=8192',
    persistent: { file: '/etc/sysctl.d/90-load-test.conf', content: 'net.core.somaxconn = 8192\n' },
  }],
  subjects: [
    { kind: 'listen-backlog', port: 3000, effective: 511, listenArgument: 511, suggested: 8192 },
    { kind: 'sysctl', key: 'net.core.somaxconn', current: '4096', suggested: '8192' },
  ],
};

/** Only what the hints read; the rest of a RunResult does not matter to them. */
function runResult(findings: Finding[], connections = 500): RunResult {
  return {
    schemaVersion: 1,
    options: { url: 'http://127.0.0.1:3000/', connections },
    target: { url: 'http://127.0.0.1:3000/', host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'] },
    findings,
    kernel: { settings: { 'net.core.somaxconn': '4096' } },
  } as unknown as RunResult;
}

let hook: HintsTestHook;
let fixtures: string;

async function open(relative: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(path.join(fixtures, relative));
}

async function lensTitles(document: vscode.TextDocument): Promise<Array<[number, string]>> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
  return (lenses ?? []).map((l) => [l.range.start.line, l.command?.title ?? ''] as [number, string]);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function loadTestDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Load Test');
}

/** Resolves once the document's diagnostics satisfy `ready`: checked now and on every diagnostics change. */
function diagnosticsWhen(uri: vscode.Uri, ready: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = loadTestDiagnostics(uri);
      if (!ready(diagnostics)) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics of ${uri.fsPath} never matched: ${loadTestDiagnostics(uri).map((d) => d.message).join(' | ')}`));
    }, timeoutMs);
    check();
  });
}

describe('editor hints', function () {
  this.timeout(30_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} not found`);
    const api = (await extension.activate()) as Partial<HintsTestHook> | undefined;
    assert.ok(api?.setLastResultForTest && api.setKernelSettingsForTest, 'activate() must return the hints test hook');
    hook = api as HintsTestHook;
    fixtures = path.join(extension.extensionPath, 'test', 'fixtures', 'hints');
    await hook.setKernelSettingsForTest({ 'net.core.somaxconn': '4096', 'net.ipv4.tcp_syncookies': '1' });
    await hook.setLastResultForTest(undefined);
  });

  after(async () => {
    await hook?.setLastResultForTest(undefined);
    await hook?.setKernelSettingsForTest(undefined);
  });

  it('shows the effective backlog above listen calls in every language, not in comments', async () => {
    const expected: Array<[string, number, RegExp]> = [
      ['node/express-server.js', 10, /^Listen backlog 511 \(default\), effective 511$/],
      ['node/fastify-server.mjs', 5, /^Listen backlog 511 \(default\)/],
      ['python/socket_server.py', 8, /^Listen backlog 16, effective 16$/],
      ['python/http_server.py', 5, /^Listen backlog 5 \(default\)/],
      ['ruby/server.rb', 2, /^Listen backlog 4096 \(default\)/],
      ['go/main.go', 6, /^Listen backlog = somaxconn 4096/],
      ['nginx/site.conf', 1, /^Listen backlog 511 \(default\)/],
      ['scripts/start.sh', 2, /^Listen backlog 2048 \(default\)/],
    ];
    for (const [file, line, title] of expected) {
      const lenses = await lensTitles(await open(file));
      assert.equal(lenses.length, 1, `${file}: ${JSON.stringify(lenses)}`);
      assert.equal(lenses[0][0], line, file);
      assert.match(lenses[0][1], title, file);
    }
  });

  it('says nothing in a file without a server', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: '// server.listen(3000)\nconsole.log(1);\n' });
    assert.deepEqual(await lensTitles(document), []);
  });

  it('hovers a listen call with the default, its source and somaxconn', async () => {
    const document = await open('node/express-server.js');
    const text = await hoverText(document, new vscode.Position(10, 5));
    assert.match(text, /Node passes 511 to listen\(\)/);
    assert.match(text, /net\.core\.somaxconn` is \*\*4096\*\*/);
    assert.match(text, /min\(511, 4096\) = \*\*511\*\*/);
    // Other providers (the TypeScript server) may hover there too; ours must not.
    assert.doesNotMatch(await hoverText(document, new vscode.Position(5, 5)), /Listen backlog/, 'no hover on the commented-out listen');
  });

  it('after a run with findings: diagnostics at the matching port, finding lens and hover', async () => {
    const express = await open('node/express-server.js');
    const fastify = await open('node/fastify-server.mjs');
    await hook.setLastResultForTest(runResult([overflow]));

    const diagnostics = loadTestDiagnostics(express.uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 10);
    assert.equal(diagnostics[0].message, 'Last run: Accept queue overflowed: ListenOverflows +369 at 500 connections');
    assert.equal(diagnostics[0].code, undefined, 'no internal id beside the source in the Problems view');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(loadTestDiagnostics(fastify.uri), [], 'port 3001 is not the overflowing listener');

    // Short lenses, one fact each; the only one that edits says so.
    const titles = (await lensTitles(express)).map(([, t]) => t);
    assert.deepEqual(titles, [
      'Listen backlog 511 (default), effective 511',
      '$(error) Last run: Accept queue overflowed',
      '$(edit) Set backlog to 8192',
    ]);
    assert.match(await hoverText(express, new vscode.Position(10, 5)), /\*\*Last run:\*\* Accept queue overflowed/);
  });

  it('places the sysctl finding and flags somaxconn below the concurrency in a sysctl.d file', async () => {
    const document = await open('sysctl.d/90-local.conf');
    await hook.setLastResultForTest(runResult([overflow], 500));
    // The value check runs after edits settle (a short debounce): wait for it to publish.
    const onLine1 = (diagnostics: vscode.Diagnostic[]) => diagnostics.filter((d) => d.range.start.line === 1).map((d) => d.message);
    const messages = onLine1(await diagnosticsWhen(document.uri, (d) => onLine1(d).some((m) => /somaxconn 128 is below/.test(m))));
    assert.ok(messages.some((m) => /^Last run: Accept queue overflowed/.test(m)), messages.join(' | '));
    assert.ok(messages.some((m) => /somaxconn 128 is below the 500 connections/.test(m)), messages.join(' | '));
    assert.deepEqual(loadTestDiagnostics(document.uri).filter((d) => d.range.start.line === 2), [], 'syncookies = 1 is fine');

    const hover = await hoverText(document, new vscode.Position(1, 3));
    assert.match(hover, /Caps every listen\(\) backlog/);
    assert.match(hover, /now: `4096`/);
    assert.match(hover, /the last run suggests `8192`/);
  });

  it('quick fix sets the backlog, linked to the diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'javascript',
      content: "const app = require('express')();\napp.listen(3000, () => {});\n",
    });
    await hook.setLastResultForTest(runResult([overflow]));
    const diagnostic = loadTestDiagnostics(document.uri)[0];
    assert.ok(diagnostic, 'expected a Load Test diagnostic on the untitled server');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions?.find((a) => a.title === 'Set the listen backlog to 8192');
    assert.ok(fix?.edit, `actions: ${actions?.map((a) => a.title).join(', ')}`);
    // The command does not hand back `diagnostics`; `isPreferred` is set only when the fix is linked to ours.
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(1).text, 'app.listen({ port: 3000, backlog: 8192 }, () => {});');
  });

  it('dismissing clears the diagnostics; a clean run clears them too', async () => {
    const express = await open('node/express-server.js');
    await hook.setLastResultForTest(runResult([overflow]));
    assert.equal(loadTestDiagnostics(express.uri).length, 1);
    await vscode.commands.executeCommand('loadTest.dismissHints');
    assert.deepEqual(loadTestDiagnostics(express.uri), []);

    await hook.setLastResultForTest(runResult([overflow]));
    assert.equal(loadTestDiagnostics(express.uri).length, 1, 'a new run shows them again');
    await hook.setLastResultForTest(runResult([]));
    assert.deepEqual(loadTestDiagnostics(express.uri), []);
  });

  it('opens the suggested /etc/sysctl.d content with how to apply it', async () => {
    await hook.setLastResultForTest(runResult([overflow]));
    await vscode.commands.executeCommand('loadTest.openSysctlConf');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^net\.core\.somaxconn = 8192$/m);
    assert.match(text, /sudo sysctl --system/);
    assert.match(text, /90-load-test-localhost\.conf/);
  });

  it('the setting turns every hint off, live', async () => {
    const express = await open('node/express-server.js');
    await hook.setLastResultForTest(runResult([overflow]));
    const config = vscode.workspace.getConfiguration('loadTest');
    await config.update('hints.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await hook.setKernelSettingsForTest({ 'net.core.somaxconn': '4096' }); // waits for the refresh
      assert.deepEqual(await lensTitles(express), []);
      assert.deepEqual(loadTestDiagnostics(express.uri), []);
      assert.doesNotMatch(await hoverText(express, new vscode.Position(10, 5)), /Listen backlog/);
    } finally {
      await config.update('hints.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await hook.setKernelSettingsForTest({ 'net.core.somaxconn': '4096' });
    assert.equal(loadTestDiagnostics(express.uri).length, 1);
    assert.equal((await lensTitles(express)).length, 3);
  });

  it('re-checks a finding when the code changes: fixed in the code, a hint until a new run, "Run again to confirm"', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'javascript',
      content: "const app = require('express')();\napp.listen(3000, () => {});\n",
    });
    await hook.setLastResultForTest(runResult([overflow]));
    assert.equal(loadTestDiagnostics(document.uri)[0]?.severity, vscode.DiagnosticSeverity.Error);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(1).range, 'app.listen({ port: 3000, backlog: 8192 }, () => {});');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await hook.hintsSettledForTest();

    const [diagnostic] = loadTestDiagnostics(document.uri);
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Hint, 'no squiggle and no Problems entry once fixed');
    assert.equal(
      diagnostic.message,
      'Last run: Accept queue overflowed: ListenOverflows +369 at 500 connections. Since then fixed in the code ' +
        '(net.core.somaxconn 4096 still caps it at 4096); run again to confirm.',
    );
    const titles = (await lensTitles(document)).map(([, t]) => t);
    assert.deepEqual(titles.slice(1), ['$(pass) Fixed in the code since the last run', '$(debug-rerun) Run again to confirm']);
    assert.match(await hoverText(document, new vscode.Position(1, 5)), /Since then fixed in the code .*run again to confirm/);

    // Back to the old code: the finding is live again.
    const undo = new vscode.WorkspaceEdit();
    undo.replace(document.uri, document.lineAt(1).range, 'app.listen(3000, () => {});');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await hook.hintsSettledForTest();
    assert.equal(loadTestDiagnostics(document.uri)[0]?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('lenses that do not say they edit change no file when clicked', async () => {
    const express = await open('node/express-server.js');
    await hook.setLastResultForTest(runResult([overflow]));
    const before = express.getText();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', express.uri);
    const informational = (lenses ?? []).filter((l) => l.command && !/Set backlog|Run again/.test(l.command.title));
    assert.equal(informational.length, 2);
    for (const lens of informational) {
      await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.equal(express.getText(), before, `"${lens.command!.title}" changed the file`);
      assert.equal(express.isDirty, false);
    }
  });

  it('offers "Raise net.core.somaxconn" only when the run suggests more than the kernel has', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: "require('http').createServer().listen(3000);\n" });
    const titles = async () => {
      const range = new vscode.Range(0, 0, 0, 40);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
      return (actions ?? []).map((a) => a.title);
    };
    await hook.setLastResultForTest(runResult([overflow]));
    assert.ok((await titles()).some((t) => t.startsWith('Raise net.core.somaxconn to 8192')), (await titles()).join(' | '));
    await hook.setKernelSettingsForTest({ 'net.core.somaxconn': '8192' });
    try {
      assert.ok(!(await titles()).some((t) => t.startsWith('Raise net.core.somaxconn')), 'somaxconn is already 8192');
    } finally {
      await hook.setKernelSettingsForTest({ 'net.core.somaxconn': '4096', 'net.ipv4.tcp_syncookies': '1' });
    }
  });
});
