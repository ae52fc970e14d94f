// The CLI as a user runs it: a real process against real loopback servers.
import { strict as assert } from 'node:assert';
import { describe, it, after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as servers from '../../support/testServers';
import type { RunResult } from '../../../src/shared/result';

const entry = join(__dirname, '../../support/cliFromSources.ts');

function cli(args: string[], options: { interruptAfterLoadMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // Interrupt once the load runs (the CLI says so), as a person would after watching it for a while.
      if (options.interruptAfterLoadMs && /Load-testing/.test(stderr)) {
        setTimeout(() => child.kill('SIGINT'), options.interruptAfterLoadMs);
        options.interruptAfterLoadMs = undefined;
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('load-test-localhost CLI', () => {
  let server: servers.RunningServer;
  before(async () => {
    server = await servers.resettingServer(10);
  });
  after(() => server.close());

  it('prints a report and writes the whole result as JSON; errors are results (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-cli-'));
    const jsonFile = join(dir, 'result.json');
    const { code, stdout } = await cli([server.url, '-c', '5', '-n', '300', '--no-keepalive', '--json', jsonFile, '--no-color']);
    assert.equal(code, 0);
    assert.match(stdout, /Requests\s+started 300\s+ok 270\s+failed 30/);
    assert.match(stdout, /ECONNRESET/);
    assert.match(stdout, /Latency/);
    assert.match(stdout, /Diagnosis/);
    const result = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunResult;
    assert.equal(result.requests.started, 300);
    assert.equal(result.requests.ok, 270);
    assert.equal(result.requests.failed, 30);
    assert.equal(result.requests.inFlight, 0);
    assert.equal(result.errors.byCause.ECONNRESET, 30);
    assert.ok(result.durationMs > 0);
    assert.ok(result.latency.total.p99 > 0);
    assert.ok(Array.isArray(result.findings));
    if (process.platform === 'linux') {
      // The CLI samples the kernel on its own main thread (the load has threads of its own): no thread start-up,
      // and the polls counted and timed.
      assert.equal(result.kernel?.samplerStartupCpuMs, 0);
      assert.equal(typeof result.kernel?.samplerCpuMs, 'number');
      assert.ok((result.kernel?.listenerQueues?.find((q) => q.target)?.polls ?? 0) >= 1, JSON.stringify(result.kernel?.listenerQueues));
    }
  });

  it('writes JSON to stdout with --json -', async () => {
    const { code, stdout, stderr } = await cli([server.url, '-c', '2', '-n', '20', '--json', '-', '--no-diagnosis']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as RunResult;
    assert.equal(result.requests.started, 20);
    assert.match(stderr, /Requests/);
  });

  it('keeps every result when interrupted with Ctrl-C', async () => {
    const { code, stdout } = await cli([server.url, '-c', '4', '-d', '30s', '--no-diagnosis'], { interruptAfterLoadMs: 1000 });
    assert.equal(code, 0);
    assert.match(stdout, /cancelled/);
    const ok = Number(/ok ([\d,]+)/.exec(stdout)![1].replace(/,/g, ''));
    assert.ok(ok > 0);
  });

  it('a pasted http://0.0.0.0:PORT/ (what python -m http.server prints) tests 127.0.0.1 and says so', async () => {
    const port = new URL(server.url).port;
    const { code, stdout } = await cli([`http://0.0.0.0:${port}/`, '-c', '2', '-n', '20', '--json', '-', '--no-diagnosis']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as RunResult;
    assert.equal(result.target.url, `http://127.0.0.1:${port}/`);
    assert.equal(result.target.connectAddress, '127.0.0.1');
    assert.equal(result.requests.started, 20);
    assert.deepEqual(result.warnings, ['0.0.0.0 is the address a server listens on (every interface), not one to connect to: tested 127.0.0.1 instead.']);
  });

  it('exits 3 with one line when nothing listens', async () => {
    const gone = await servers.fixedDelayServer(0);
    await gone.close();
    const { code, stderr, stdout } = await cli([gone.url]);
    assert.equal(code, 3);
    assert.equal(stdout, '');
    assert.match(stderr.trim(), /^load-test-localhost: Nothing accepts connections at .*connection refused/);
  });

  it('--json through a symlink writes its target and keeps the link; into a named pipe writes the pipe, which stays one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-cli-json-'));
    writeFileSync(join(dir, 'target.json'), 'old');
    symlinkSync('target.json', join(dir, 'link.json'));
    const viaLink = await cli([server.url, '-c', '2', '-n', '20', '--no-diagnosis', '--json', join(dir, 'link.json')]);
    assert.equal(viaLink.code, 0, viaLink.stderr);
    assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink(), 'the link is still a link');
    assert.equal((JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')) as RunResult).requests.started, 20);

    const fifo = join(dir, 'results.fifo');
    execFileSync('mkfifo', [fifo]);
    // The reader's own count of what came through the pipe, taken apart from the CLI's.
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let piped = '';
    reader.stdout.on('data', (d: Buffer) => (piped += d));
    const readerDone = new Promise<void>((resolve) => reader.once('close', () => resolve()));
    const viaPipe = await cli([server.url, '-c', '2', '-n', '20', '--no-diagnosis', '--json', fifo]);
    await readerDone;
    assert.equal(viaPipe.code, 0, viaPipe.stderr);
    assert.ok(lstatSync(fifo).isFIFO(), 'the pipe is still a pipe');
    assert.equal((JSON.parse(piped) as RunResult).requests.started, 20);
  });

  it('export -o and import --json: a path that cannot be written is one line and exit 2, before anything else', async () => {
    const missing = join(tmpdir(), 'ltl-no-such-dir', 'out');
    const exported = await cli(['export', 'k6', `${server.url}`, '-c', '2', '-n', '10', '-o', `${missing}.js`]);
    assert.equal(exported.code, 2);
    assert.equal(exported.stderr.trim().split('\n').length, 1, exported.stderr);
    assert.match(exported.stderr, /^load-test-localhost: -o .* cannot be written/);
    const dir = mkdtempSync(join(tmpdir(), 'ltl-cli-import-'));
    const stats = join(dir, 'results_stats.csv');
    writeFileSync(
      stats,
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n' +
        ',Aggregated,100,0,2,2.5,1,9,5,50,0,2,2,3,3,4,5,6,8,9,9,9\n',
    );
    const imported = await cli(['import', stats, '--json', `${missing}.json`]);
    assert.equal(imported.code, 2);
    assert.equal(imported.stdout, '', 'no report before the refusal');
    assert.match(imported.stderr.trim(), /^load-test-localhost: --json .* cannot be written \(.*ltl-no-such-dir: no such directory\)$/);
    if (process.platform === 'linux') {
      // /proc is there and takes no new file: that is what the line says, not "no such directory".
      const proc = await cli([server.url, '-n', '1', '--json', '/proc/ltl-result.json']);
      assert.equal(proc.code, 2);
      assert.equal(proc.stderr.trim(), 'load-test-localhost: --json /proc/ltl-result.json cannot be written (/proc: no new files can be made there)');
    }
  });

  it('exits 2 on usage errors and non-loopback targets', async () => {
    assert.equal((await cli(['http://127.0.0.1:1/', '-c', 'many'])).code, 2);
    const outside = await cli(['http://192.0.2.10:8080/']);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /not loopback/);
  });
});
