// The k6 export of a real run: type-checked against @types/k6 (k6's binary is not installable here) and executed
// under a Node shim of the k6 API that records the requests it makes; its options are checked as k6 reads them.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runLoadTest } from '../../../src/loadTest/runLoadTest';
import type { RunResult } from '../../../src/shared/result';
import { planFromOptions, planFromResult, thresholdLimits } from '../../../src/exportScripts/loadPlan';
import { renderK6Script } from '../../../src/exportScripts/k6Script';
import { countingServer, type CountingServer } from '../../support/countingServer';
import { loadK6Script } from '../../support/k6Shim';
import '../../support/sourceLoadWorker';

const repo = join(__dirname, '../../..');

/** tsc over the script as JavaScript with k6's types; returns tsc's output ('' when it type-checks). */
function typeCheck(script: string, dir: string): string {
  writeFileSync(join(dir, 'script.js'), script);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        allowJs: true,
        checkJs: true,
        noEmit: true,
        strict: false,
        target: 'es2020',
        module: 'es2020',
        moduleResolution: 'node',
        types: ['k6'],
        typeRoots: [join(repo, 'node_modules/@types')],
      },
      files: ['script.js'],
    }),
  );
  try {
    execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    return '';
  } catch (err) {
    return (err as { stdout: string }).stdout || String(err);
  }
}

describe('k6 export', () => {
  let server: CountingServer;
  let result: RunResult;
  before(async () => {
    server = await countingServer();
    result = await runLoadTest(
      {
        url: `${server.origin}/api/items?page=2&api_key=s3cret`,
        connections: 4,
        requests: 200,
        keepAlive: false,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer top-secret', 'X-Trace': 'abc' },
        body: '{"name":"café"}',
        workers: 0,
      },
      { skipDiagnosis: true },
    );
  });
  after(() => server.close());

  it('reproduces the run: shared-iterations, no connection reuse, thresholds from what it measured', async () => {
    assert.equal(result.requests.started, 200);
    const plan = planFromResult(result, 0.2);
    const script = renderK6Script(plan);
    assert.doesNotMatch(script, /top-secret|s3cret/, 'credentials never reach the file');
    const k6 = await loadK6Script(script);
    assert.deepEqual(k6.options.scenarios, { load: { executor: 'shared-iterations', vus: 4, iterations: 200, maxDuration: '10m' } });
    assert.equal(k6.options.noConnectionReuse, true);
    const limits = thresholdLimits(plan.thresholds!);
    assert.ok(limits.p99 >= result.latency.total.p99 * 1.2 && limits.p99 <= result.latency.total.p99 * 1.2 + 0.1);
    assert.deepEqual(k6.options.thresholds, {
      http_req_duration: [`p(95)<${limits.p95.toFixed(1)}`, `p(99)<${limits.p99.toFixed(1)}`],
      http_req_failed: [`rate<${limits.errorRate.toFixed(4)}`],
    });
    assert.ok(k6.options.summaryTrendStats.includes('p(99)'), 'the summary k6 exports carries p99 for the import');

    k6.iteration();
    k6.iteration();
    assert.equal(k6.requests.length, 2);
    const [request] = k6.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `${server.origin}/api/items?page=2`);
    assert.equal(request.body, '{"name":"café"}');
    assert.deepEqual(request.headers, { 'content-type': 'application/json', 'x-trace': 'abc' });
    assert.equal(request.timeout, '30000ms');
  });

  it('takes the target and the credentials from the environment, and the margin can be changed', async () => {
    const script = renderK6Script(planFromResult(result, 0.2));
    const k6 = await loadK6Script(script, {
      TARGET_URL: 'https://staging.example.com/',
      HEADER_AUTHORIZATION: 'Bearer from-env',
      QUERY_API_KEY: 'k e y',
      THRESHOLD_MARGIN: '1',
    });
    k6.iteration();
    assert.equal(k6.requests[0].url, 'https://staging.example.com/api/items?page=2&api_key=k%20e%20y');
    assert.equal(k6.requests[0].headers.authorization, 'Bearer from-env');
    const doubled = Math.ceil((result.latency.total.p95 * 2) / 0.1 - 1e-9) * 0.1;
    assert.equal(k6.options.thresholds.http_req_duration[0], `p(95)<${doubled.toFixed(1)}`);
  });

  it('turns a constant rate into a constant-arrival-rate scenario (fractional rates with a longer time unit)', async () => {
    const base = { url: 'http://127.0.0.1:9/', method: 'GET', connections: 20, keepAlive: true, headers: {}, bodyBytes: 0, connectTimeoutMs: 10_000, responseTimeoutMs: 5000, workers: 1, http2: false };
    const k6 = await loadK6Script(renderK6Script(planFromOptions({ ...base, rate: 2.5, durationMs: 90_000 }, 'test')));
    assert.deepEqual(k6.options.scenarios.load, { executor: 'constant-arrival-rate', rate: 5, timeUnit: '2s', duration: '1m30s', preAllocatedVUs: 20, maxVUs: 20 });
    assert.equal(k6.options.noConnectionReuse, undefined, 'keep-alive runs reuse connections');
    assert.equal(k6.options.thresholds, undefined, 'no run, no measured thresholds');
    const closed = await loadK6Script(renderK6Script(planFromOptions({ ...base, durationMs: 5000 }, 'test')));
    assert.deepEqual(closed.options.scenarios.load, { executor: 'constant-vus', vus: 20, duration: '5s' });
  });

  it('type-checks against @types/k6, and the check catches a wrong option', async () => {
    const script = renderK6Script(planFromResult(result));
    const k6 = await loadK6Script(script);
    assert.equal(typeCheck(script, k6.dir), '');
    const broken = script.replace('noConnectionReuse: true', "noConnectionReuse: 'yes'");
    assert.notEqual(broken, script);
    assert.match(typeCheck(broken, k6.dir), /noConnectionReuse|not assignable/);
  });
});
