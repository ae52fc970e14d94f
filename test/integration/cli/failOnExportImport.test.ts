// The CI side of the CLI as a user runs it (real process, real loopback servers): --fail-on passing and failing with
// its exit code, bad threshold syntax (exit 2 before any load), `export k6|locust` and `import`.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../../src/shared/result';
import { countingServer, type CountingServer } from '../../support/countingServer';
import { loadK6Script } from '../../support/k6Shim';
import * as servers from '../../support/testServers';

const entry = join(__dirname, '../../support/cliFromSources.ts');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CLI: --fail-on, export, import', () => {
  let counting: CountingServer;
  let resetting: servers.RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'ltl-ci-'));
  before(async () => {
    counting = await countingServer();
    resetting = await servers.resettingServer(10);
  });
  after(async () => {
    await counting.close();
    await resetting.close();
  });

  it('passes thresholds the run meets: each reported as pass, exit 0', async () => {
    const { code, stdout } = await cli([`${counting.origin}/`, '-c', '4', '-n', '200', '--no-diagnosis', '--no-color', '--fail-on', 'p99<10s, errors<1%, rps>1']);
    assert.equal(code, 0);
    assert.match(stdout, /Thresholds: all 3 passed/);
    assert.match(stdout, /pass {2}p99<10s\s+measured [\d.]+ (ms|s)/);
    assert.match(stdout, /pass {2}errors<1%\s+measured 0\.00% \(0 of 200 ended\)/);
    assert.match(stdout, /pass {2}rps>1\s+measured [\d,.]+ req\/s/);
  });

  it('fails a threshold the run misses: FAIL with the measured value, exit 4, the rest still reported', async () => {
    // The server resets every 10th connection: 30 of 300 requests fail, by the server's design, not by timing.
    const jsonFile = join(dir, 'failing.json');
    const { code, stdout } = await cli([resetting.url, '-c', '5', '-n', '300', '--no-keepalive', '--no-diagnosis', '--no-color', '--json', jsonFile, '--fail-on', 'errors<1%,errors<=30,p99<10s']);
    assert.equal(code, 4);
    const saved = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunResult;
    assert.equal(saved.requests.failed, 30, 'the result is written even when a threshold fails');
    assert.match(stdout, /Thresholds: 1 of 3 FAILED/);
    assert.match(stdout, /FAIL {2}errors<1%\s+measured 10\.00% \(30 of 300 ended\)/);
    assert.match(stdout, /pass {2}errors<=30\s+measured 30 failed/);
    assert.match(stdout, /pass {2}p99<10s/);
  });

  it('a run of 404s: the report warns, errors<1% passes and says why, non2xx<1% fails it', async () => {
    // Every other request is a 404, the rest 200: half the responses are errors from the server, counted apart.
    const notFound = await servers.httpServer((_req, res, index) => {
      res.statusCode = index % 2 === 0 ? 404 : 200;
      res.end('x');
    });
    try {
      const { code, stdout } = await cli([notFound.url, '-c', '2', '-n', '100', '--no-diagnosis', '--no-color', '--fail-on', 'errors<1%,non2xx<1%,non2xx<=50']);
      assert.equal(code, 4);
      assert.match(stdout, /50 of 100 responses were errors from the server \(404 ×50\)\. They count as responses, not as failed requests; check the URL/);
      assert.match(stdout, /pass {2}errors<1%\s+measured 0\.00% \(0 of 100 ended\); 50 responses were not 2xx, gated by non2xx/);
      assert.match(stdout, /FAIL {2}non2xx<1%\s+measured 50\.00% \(50 of 100 answered\)/);
      assert.match(stdout, /pass {2}non2xx<=50\s+measured 50 not 2xx/);
    } finally {
      await notFound.close();
    }
  });

  it('keeps stdout pure JSON with --json -: the verdicts go to stderr with the report', async () => {
    const { code, stdout, stderr } = await cli([`${counting.origin}/`, '-c', '2', '-n', '20', '--no-diagnosis', '--json', '-', '--fail-on', 'rps>100000000']);
    assert.equal(code, 4);
    const result = JSON.parse(stdout) as RunResult;
    assert.equal(result.requests.started, 20);
    assert.match(stderr, /FAIL {2}rps>100000000/);
    // The verdicts are in the JSON too, for a CI job that reads it.
    assert.equal(result.thresholds?.length, 1);
    assert.equal(result.thresholds![0]!.threshold, 'rps>100000000');
    assert.equal(result.thresholds![0]!.passed, false);
    assert.equal(result.thresholds![0]!.measured, result.throughput.requestsPerSec);
  });

  it('refuses bad threshold syntax with one line and exit 2, before sending anything', async () => {
    await counting.reset();
    for (const spec of ['p99<<200ms', 'lag<1s', 'errors<1ms', 'p99<200kg', 'p99', ',']) {
      const { code, stdout, stderr } = await cli([`${counting.origin}/`, '-n', '10', '--fail-on', spec]);
      assert.equal(code, 2, spec);
      assert.equal(stdout, '');
      assert.match(stderr, /^load-test-localhost: --fail-on/, spec);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(counting.requests, 0);
    assert.equal(counting.connections, 0);
  });

  it('exports a k6 script from the flags and a Locust file from a saved result, with its thresholds', async () => {
    const k6File = join(dir, 'load.js');
    const fromFlags = await cli(['export', 'k6', 'https://staging.example.com/api?x=1', '-c', '8', '-n', '400', '--no-keepalive', '-m', 'PUT', '-b', 'hello', '-o', k6File]);
    assert.equal(fromFlags.code, 0, fromFlags.stderr);
    assert.match(fromFlags.stderr, /k6 script written to .*load\.js; run it with: k6 run/);
    const k6 = await loadK6Script(readFileSync(k6File, 'utf8'));
    assert.deepEqual(k6.options.scenarios.load, { executor: 'shared-iterations', vus: 8, iterations: 400, maxDuration: '10m' });
    assert.equal(k6.options.noConnectionReuse, true);
    k6.iteration();
    assert.deepEqual([k6.requests[0].method, k6.requests[0].url, k6.requests[0].body], ['PUT', 'https://staging.example.com/api?x=1', 'hello']);

    const resultFile = join(dir, 'run.json');
    const run = await cli([`${counting.origin}/`, '-c', '2', '-n', '50', '--no-diagnosis', '--json', resultFile]);
    assert.equal(run.code, 0);
    const measured = JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult;
    const locust = await cli(['export', 'locust', '--from', resultFile, '--margin', '50%']);
    assert.equal(locust.code, 0, locust.stderr);
    assert.match(locust.stdout, /^class ExportedRequest\(HttpUser\):/m);
    assert.match(locust.stdout, /THRESHOLD_MARGIN = float\(os.environ.get\("THRESHOLD_MARGIN", "0.5"\)\)/);
    assert.ok(locust.stdout.includes(`MEASURED = {"p95": ${measured.latency.total.p95}, "p99": ${measured.latency.total.p99}, "error_rate": 0}`));
    assert.ok(locust.stdout.includes(`REQUEST_COUNT = 50`));
  });

  it('refuses exports it cannot make with one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'jmeter', 'http://x/'], /export writes k6 scripts and Locust files, not "jmeter"/],
      [['export'], /Say which tool/],
      [['export', 'k6'], /Give the URL/],
      [['export', 'k6', 'http://x/', '--margin', '10%'], /use it with --from/],
      [['export', 'k6', '--from', join(dir, 'missing.json')], /Cannot read/],
      [['export', 'k6', 'http://x/', '--fail-on', 'p99<1s'], /--fail-on is for a run or import/],
      [['http://x/', '-o', 'out.js'], /--output is for export/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message, args.join(' '));
    }
  });

  it('imports a k6 summary: report, --json, and --fail-on gates on another tool\'s run', async () => {
    const summary = join(dir, 'summary.json');
    writeFileSync(summary, JSON.stringify({ metrics: { http_reqs: { count: 1000, rate: 250 }, http_req_failed: { passes: 50, fails: 950, value: 0.05 }, http_req_duration: { avg: 5, min: 1, med: 4, max: 90, 'p(90)': 8, 'p(95)': 12, 'p(99)': 40 } } }));
    const { code, stdout } = await cli(['import', summary, '--url', 'https://staging.example.com/', '--no-color', '--fail-on', 'p99<50ms,errors<1%']);
    assert.equal(code, 4);
    assert.match(stdout, /imported from k6 --summary-export \(summary\.json\)/);
    assert.match(stdout, /started 1,000 {3}ok 950 {3}failed 50/);
    assert.match(stdout, /pass {2}p99<50ms\s+measured 40\.0 ms/);
    assert.match(stdout, /FAIL {2}errors<1%\s+measured 5\.00%/);
    const json = await cli(['import', summary, '--json', '-']);
    assert.equal(json.code, 0);
    const imported = JSON.parse(json.stdout) as RunResult;
    assert.equal(imported.imported?.tool, 'k6');
    assert.equal(imported.latency.connect.p99, null, 'not measured stays empty in JSON');
    // k6's default summary has no p(99): a p99 threshold fails and says where the figure is missing and why.
    const noP99 = join(dir, 'summary-default-stats.json');
    writeFileSync(noP99, JSON.stringify({ metrics: { http_reqs: { count: 10, rate: 5 }, http_req_failed: { passes: 0, fails: 10, value: 0 }, http_req_duration: { avg: 5, min: 1, med: 4, max: 9, 'p(90)': 8, 'p(95)': 9 } } }));
    const gate = await cli(['import', noP99, '--no-color', '--fail-on', 'p95<50ms,p99<50ms']);
    assert.equal(gate.code, 4);
    assert.match(gate.stdout, /pass {2}p95<50ms\s+measured 9\.00 ms/);
    assert.match(gate.stdout, /FAIL {2}p99<50ms\s+measured not in the k6 --summary-export file \(k6 writes p\(99\) when --summary-trend-stats lists it\)/);
    const bad = await cli(['import', join(dir, 'load.js')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a file Load Test Localhost can import/);
  });
});
