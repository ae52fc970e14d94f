// The Locust export of a real run, run distributed on this machine (Debian's python3-locust): a headless master
// expecting 2 workers and 2 worker processes over loopback, against a local server that keeps its own count. The
// stats Locust wrote (--csv, and the JSON newer Locust prints with --json) are imported and checked against it.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planFromOptions, planFromResult } from '../../../src/exportScripts/loadPlan';
import { renderLocustFile } from '../../../src/exportScripts/locustFile';
import { importResultText } from '../../../src/importResults/importResultFile';
import { runLoadTest } from '../../../src/loadTest/runLoadTest';
import { countingServer, type CountingServer } from '../../support/countingServer';

const LOCUST = '/usr/bin/locust';
/** Generous for a 2 s shape on 2 busy cores: master start, 2 workers joining, the run, the final reports. */
const PROCESS_LIMIT_MS = 90_000;

/**
 * Debian's build reports an empty version and its master then refuses every worker ("old (pre 2.0) worker"): the
 * wrapper sets it before loading the exported file unchanged (see shared/docs/locust-offline.md). Locust 2.12 has no
 * --json; at exit the master writes what --json prints in newer Locust, `stats.serialize_stats()`. Each worker
 * prints how many requests it recorded itself.
 */
const WRAPPER = `
import json, os, sys
import locust.runners
if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from locustfile import *  # noqa: F401,F403
from locust import events

_environment = {}
_sent = [0]

@events.request.add_listener
def _count(**kwargs):
    _sent[0] += 1

@events.init.add_listener
def _keep(environment, **kwargs):
    _environment["it"] = environment

@events.quit.add_listener
def _write_json(exit_code, **kwargs):
    environment = _environment["it"]
    if isinstance(environment.runner, locust.runners.WorkerRunner):
        print(f"worker recorded {_sent[0]} requests", flush=True)
    if os.environ.get("STATS_JSON") and not isinstance(environment.runner, locust.runners.WorkerRunner):
        with open(os.environ["STATS_JSON"], "w") as out:
            json.dump(environment.runner.stats.serialize_stats(), out)
`;
import '../../support/sourceLoadWorker';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Exited {
  code: number | null;
  output: string;
}

function start(args: string[], cwd: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<Exited> } {
  const child = spawn(LOCUST, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const timer = setTimeout(() => {
    output += '\n[test] time limit reached, process group killed\n';
    process.kill(-child.pid!, 'SIGKILL');
  }, PROCESS_LIMIT_MS);
  const exited = new Promise<Exited>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
  return { child, exited };
}

describe('Locust export, run distributed: master + 2 workers', () => {
  let server: CountingServer;
  before(async () => {
    server = await countingServer();
  });
  after(() => server.close());

  it('sends the run\'s request from both workers, and the imported CSV and JSON match the server\'s own count', async () => {
    const users = 4;
    const run = await runLoadTest(
      {
        url: `${server.origin}/orders?page=1&token=hidden`,
        connections: users,
        durationMs: 2000,
        keepAlive: false,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test': 'exported', authorization: 'Bearer hidden' },
        body: '{"sku":42}',
        workers: 0,
      },
      { skipDiagnosis: true },
    );
    assert.ok(run.requests.ok > 0);

    const dir = mkdtempSync(join(tmpdir(), 'ltl-locust-'));
    const locustfile = renderLocustFile(planFromResult(run));
    assert.doesNotMatch(locustfile, /hidden/);
    writeFileSync(join(dir, 'locustfile.py'), locustfile);
    writeFileSync(join(dir, 'wrapper.py'), WRAPPER);
    await server.reset();

    const port = String(await freePort());
    // A large margin: this checks that the thresholds run and pass/fail is reported, not this machine's speed.
    const env = { STATS_JSON: join(dir, 'stats.json'), THRESHOLD_MARGIN: '1000', HEADER_AUTHORIZATION: 'Bearer from-env' };
    const master = start(['-f', 'wrapper.py', '--headless', '--master', '--expect-workers', '2', '--master-bind-host', '127.0.0.1', '--master-bind-port', port, '--csv', join(dir, 'results')], dir, env);
    const workers = [1, 2].map(() => start(['-f', 'wrapper.py', '--worker', '--master-host', '127.0.0.1', '--master-port', port], dir, env));
    const [masterExit, ...workerExits] = await Promise.all([master.exited, ...workers.map((w) => w.exited)]);
    assert.equal(masterExit.code, 0, masterExit.output.slice(-3000));
    for (const w of workerExits) assert.equal(w.code, 0, w.output.slice(-2000));
    assert.match(masterExit.output, /Shape test stopping/, 'the file\'s own shape ended the run (no -t given)');
    assert.match(masterExit.output, /threshold p99 < [\d.]+ms: [\d.]+ms pass/);
    const perWorker = workerExits.map((w) => Number(/worker recorded (\d+) requests/.exec(w.output)?.[1]));
    for (const sent of perWorker) assert.ok(sent > 0, `each worker sent requests: ${perWorker}`);

    // What the server saw: the exported request, credentials from the environment, a new connection per request.
    assert.equal(server.last?.method, 'POST');
    assert.equal(server.last?.url, '/orders?page=1');
    assert.equal(server.last?.headers['x-test'], 'exported');
    assert.equal(server.last?.headers.authorization, 'Bearer from-env');
    assert.equal(server.last?.body, '{"sku":42}');
    // Keep-alive off: one TCP connection per request (at stop, each user may have opened its next one already).
    assert.ok(server.connections >= server.requests && server.connections <= server.requests + users, `${server.connections} connections for ${server.requests} requests`);

    const csvFile = join(dir, 'results_stats.csv');
    const csv = importResultText(readFileSync(csvFile, 'utf8'), { file: 'results_stats.csv', modifiedAt: statSync(csvFile).mtime, url: server.origin });
    const json = importResultText(readFileSync(join(dir, 'stats.json'), 'utf8'), { file: 'stats.json', modifiedAt: new Date() });
    for (const imported of [csv, json]) {
      const counted = imported.requests.started;
      assert.ok(counted > 0);
      // Locust records a request when its response is complete; at stop, up to one request per user can have
      // reached the server without being recorded.
      assert.ok(server.requests - counted >= 0 && server.requests - counted <= users, `server ${server.requests}, ${imported.imported.format} ${counted}`);
      assert.equal(imported.requests.failed, 0);
      assert.ok(imported.latency.total.p99 > 0);
      assert.ok(Number.isNaN(imported.latency.connect.p99), 'Locust does not measure connect time: left empty');
      assert.ok(imported.imported.notMeasured.includes('connect time'));
    }
    assert.equal(csv.requests.started, json.requests.started);
    assert.equal(perWorker[0] + perWorker[1], json.requests.started, 'the master\'s totals are the workers\' sum');
    assert.equal(csv.options.method, 'POST');
  });

  it('stops a request-count run at the count (single process, no -u/-t: the file holds the shape)', async () => {
    const users = 3;
    const dir = mkdtempSync(join(tmpdir(), 'ltl-locust-count-'));
    const options = { url: `${server.origin}/count`, method: 'GET', connections: users, requests: 150, keepAlive: true, headers: {}, bodyBytes: 0, connectTimeoutMs: 10_000, responseTimeoutMs: 30_000, workers: 1, http2: false };
    writeFileSync(join(dir, 'locustfile.py'), renderLocustFile(planFromOptions(options, 'the test')));
    await server.reset();
    const local = start(['-f', 'locustfile.py', '--headless', '--csv', join(dir, 'results')], dir, {});
    const exited = await local.exited;
    assert.equal(exited.code, 0, exited.output.slice(-3000));
    const csvFile = join(dir, 'results_stats.csv');
    const imported = importResultText(readFileSync(csvFile, 'utf8'), { file: 'results_stats.csv', modifiedAt: statSync(csvFile).mtime });
    // Each user sends its share (ceil(150 / 3) = 50) and stops; the shape ends the run once the total is reached.
    assert.equal(imported.requests.started, 150);
    assert.equal(server.requests, 150);
    assert.ok(server.connections <= users, `keep-alive: ${server.connections} connections for ${users} users`);
  });

  it('holds a constant rate with constant_throughput per user (never above rate x duration)', async () => {
    const users = 4;
    const dir = mkdtempSync(join(tmpdir(), 'ltl-locust-rate-'));
    const options = { url: `${server.origin}/rate`, method: 'GET', connections: users, rate: 20, durationMs: 2000, keepAlive: true, headers: {}, bodyBytes: 0, connectTimeoutMs: 10_000, responseTimeoutMs: 30_000, workers: 1, http2: false };
    const locustfile = renderLocustFile(planFromOptions(options, 'the test'));
    assert.match(locustfile, /^RATE_PER_SECOND = 20$/m);
    writeFileSync(join(dir, 'locustfile.py'), locustfile);
    await server.reset();
    const exited = await start(['-f', 'locustfile.py', '--headless'], dir, {}).exited;
    assert.equal(exited.code, 0, exited.output.slice(-3000));
    // Unthrottled, the same file sent about 1,600 requests in 2 s here; paced at 20/s it sends at most 40 (+1 per user at start).
    assert.ok(server.requests > 0 && server.requests <= 20 * 2 + users, `${server.requests} requests`);
  });
});
