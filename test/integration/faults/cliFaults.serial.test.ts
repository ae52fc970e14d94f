// The CLI under faults, as a user or CI meets them: stop signals (Ctrl-C, a closed terminal, `timeout`/`docker
// stop`) and an open-file limit below the concurrency. Bad inputs: cliBadInput.test.ts.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../../src/shared/result';
import * as servers from '../../support/testServers';
import { cli } from '../../support/cliProcess';


const workDir = () => mkdtempSync(join(tmpdir(), 'ltl-cli-faults-'));

function readResult(file: string): RunResult {
  return JSON.parse(readFileSync(file, 'utf8')) as RunResult;
}

describe('CLI under faults', () => {
  let server: servers.RunningServer;
  before(async () => {
    server = await servers.fixedDelayServer(2);
  });
  after(() => server.close());

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} stops the run and keeps every result: report, JSON, exact counts`, async () => {
      const file = join(workDir(), 'r.json');
      const run = await cli([server.url, '-c', '4', '-d', '60s', '--json', file, '--no-diagnosis', '--no-color'], { signal, sendAfterLoadMs: 1000 });
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.afterSignalMs! < 8000, `exited ${run.afterSignalMs} ms after ${signal}`);
      assert.match(run.stdout, /cancelled/);
      assert.match(run.stderr, new RegExp(`Stopping \\(${signal}\\)`));
      const result = readResult(file);
      assert.equal(result.stopReason, 'cancelled');
      assert.ok(result.requests.ok > 0, JSON.stringify(result.requests));
      assert.equal(result.requests.started, result.requests.ok + result.requests.failed + result.requests.inFlight);
      assert.match(run.stdout, new RegExp(`ok ${result.requests.ok.toLocaleString('en-US')}\\b`), 'the report and the JSON agree');
    });
  }

  it('an open-file limit below the concurrency: the run goes on, ends on time, and says how many connections the limit allowed', async () => {
    const file = join(workDir(), 'r.json');
    const t0 = Date.now();
    const run = await cli([server.url, '-c', '400', '-d', '3s', '--json', file, '--no-color', '-q'], { fdLimit: 200 });
    const took = Date.now() - t0;
    assert.equal(run.code, 0, run.stderr);
    assert.ok(took < 3000 + 12_000, `took ${took} ms`);
    const result = readResult(file);
    assert.ok(result.requests.ok > 0, 'connections that got a descriptor kept working');
    assert.ok((result.errors.byCause.EMFILE ?? 0) > 0, JSON.stringify(result.errors.detail));
    assert.equal(result.errors.byPhase.connect, result.requests.failed, 'every failure was a connect');
    assert.equal(result.requests.started, result.requests.ok + result.requests.failed + result.requests.inFlight);
    // Live points did not freeze: every point within the load's own duration saw completions, the last one too (a
    // point after it covers only the teardown and may be empty).
    const during = result.series.filter((p) => p.tMs <= result.durationMs);
    const shown = JSON.stringify(result.series.map((p) => [p.tMs, p.completed]));
    assert.ok(during.length >= 2 && during.every((p) => p.completed > 0), `${result.durationMs} ms: ${shown}`);
    assert.ok(result.connections.maxOpen! > 0 && result.connections.maxOpen! < 200, `max open ${result.connections.maxOpen}`);
    const finding = result.findings.find((f) => f.id === 'open-file-limit');
    assert.ok(finding, result.findings.map((f) => f.id).join(', '));
    assert.match(finding.title, new RegExp(`allowed ${result.connections.maxOpen} of 400 connections`));
  });

  it('loads IPv4-mapped loopback addresses ([::ffff:127.0.0.1], [::ffff:7f00:1])', async () => {
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]']) {
      const run = await cli([`http://${host}:${server.port}/`, '-c', '1', '-n', '3', '--no-diagnosis', '-q']);
      assert.equal(run.code, 0, run.stderr);
    }
  });
});
