// Taking a run elsewhere and back, in a real extension host: a real run, then "Copy as CLI command" (the clipboard
// holds a command line that reproduces it), Export -> k6 / Locust of a past run to files, and "Import k6 or Locust
// results" adding a k6 summary to history, where it is listed as imported and never restored as the last run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import type { LoadTestApi } from '../../../src/extension/extensionApi';

const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('extension: export to k6 and Locust, copy the CLI command, import results', function () {
  this.timeout(60_000);
  let api: LoadTestApi;
  let server: http.Server;
  let url = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-scale-out-'));

  before(async () => {
    api = (await vscode.extensions.getExtension(extensionId)!.activate()) as LoadTestApi;
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;
  });
  after(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it('copies the command line of the last run and exports it as k6 and Locust from history', async () => {
    await api.whenIdle();
    await api.runLoadTest({ url, connections: 3, requests: 90, keepAlive: false, method: 'POST', body: 'x=1', headers: { 'x-demo': 'yes' } });
    await api.historySaved();
    const copied = (await vscode.commands.executeCommand('loadTest.copyCliCommand')) as string;
    assert.equal(copied, `load-test-localhost ${url} -c 3 -n 90 --no-keepalive -H 'x-demo: yes' -b x=1 --workers ${api.lastResult()!.options.workers}`);
    assert.equal(await vscode.env.clipboard.readText(), copied);

    const runId = (await api.history())[0].runId;
    const k6 = vscode.Uri.file(path.join(dir, 'load.js'));
    const locust = vscode.Uri.file(path.join(dir, 'locustfile.py'));
    await vscode.commands.executeCommand('loadTest.exportPastRun', runId, 'k6', k6);
    await vscode.commands.executeCommand('loadTest.exportPastRun', runId, 'locust', locust);
    const script = fs.readFileSync(k6.fsPath, 'utf8');
    assert.match(script, /executor: 'shared-iterations', vus: 3, iterations: 90/);
    assert.match(script, /noConnectionReuse: true/);
    assert.match(script, /http\.request\("POST", TARGET_URL \+ PATH, BODY/);
    assert.match(fs.readFileSync(locust.fsPath, 'utf8'), /^REQUEST_COUNT = 90$/m);
  });

  it('imports a k6 summary into history for comparison; it does not become the last run', async () => {
    const lastBefore = api.lastResult();
    const file = path.join(dir, 'summary.json');
    fs.writeFileSync(file, JSON.stringify({ metrics: { http_reqs: { count: 400, rate: 80 }, http_req_failed: { passes: 4, fails: 396, value: 0.01 }, http_req_duration: { avg: 9, min: 2, med: 8, max: 70, 'p(90)': 14, 'p(95)': 18, 'p(99)': 35 } } }));
    const runId = (await vscode.commands.executeCommand('loadTest.importResults', vscode.Uri.file(file))) as string;
    assert.match(runId, /^run-/);
    const entry = (await api.history()).find((e) => e.runId === runId);
    assert.ok(entry, 'listed in history');
    assert.equal(entry.imported, true);
    assert.equal(entry.label, 'imported from k6 --summary-export');
    assert.equal(entry.latencyP99, 35);
    assert.equal(api.lastResult(), lastBefore, 'the last run is still the one made here');
    // No k6 script or command line from an imported result: it has no options of its own.
    assert.equal(await vscode.commands.executeCommand('loadTest.copyCliCommand', runId), undefined);
    assert.equal(await vscode.commands.executeCommand('loadTest.exportPastRun', runId, 'k6', vscode.Uri.file(path.join(dir, 'no.js'))), undefined);
    assert.equal(fs.existsSync(path.join(dir, 'no.js')), false);
  });
});
