// The text and CSV reports of the sample run (test/fixtures/sampleRun.ts: python http.server, listen(5), 50
// connections for 20 s), checked line by line against the result's own numbers, as autocannon tests printResult.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { renderCsvReport } from '../../../src/report/csvReport';
import { formatRunReport } from '../../../src/report/textReport';
import { generateSampleRun } from '../../fixtures/sampleRun';

const run = generateSampleRun();
const result = run.result;
const en = (n: number) => n.toLocaleString('en-US');

test('text report: header, requests, throughput and connections from the result', () => {
  const lines = formatRunReport(result).split('\n');
  assert.equal(lines[0], 'Load Test Localhost 0.1.0 — GET http://127.0.0.1:8000/');
  assert.equal(lines[1], '  50 connections, new connection per request, 20 s · ran 20.0 s · duration reached');
  const r = result.requests;
  const failedPercent = ((r.failed / (r.ok + r.failed)) * 100).toFixed(1);
  assert.equal(lines[3], `Requests     started ${en(r.started)}   ok ${en(r.ok)}   failed ${r.failed} (${failedPercent}%)   in flight at stop ${r.inFlight}   non-2xx ${r.non2xx}`);
  const t = result.throughput;
  assert.equal(
    lines[4],
    `Throughput   ${Math.round(t.requestsPerSec)} req/s   ${(t.bytesReadPerSec / 1024).toFixed(1)} KiB/s read   ${(t.bytesRead / 1024 / 1024).toFixed(1)} MiB in total`,
  );
  const c = result.connections;
  assert.equal(lines[5], `Connections  opened ${en(c.opened)}   failed to connect 0   still connecting at stop ${c.connectingAtStop} (longest ${(c.connectingAtStopMs[0] / 1000).toFixed(2)} s)`);
});

test('text report: latency rows, status codes, errors and notes', () => {
  const text = formatRunReport(result);
  const connectRow = text.split('\n').find((l) => l.startsWith('  connect '))!;
  assert.deepEqual(connectRow.trim().split(/\s{2,}/).slice(-1), [en(result.latency.connect.count)]);
  assert.match(connectRow, / 1\.00 s /, `p99 connect ${result.latency.connect.p99} ms reads in seconds`);
  const codes = Object.entries(result.statusCodes).map(([code, n]) => `${code}: ${en(n)}`).join('   ');
  assert.ok(text.includes(`Status codes  ${codes}`));
  assert.ok(text.includes(`Errors (${result.errors.total})`));
  for (const e of result.errors.detail) assert.match(text, new RegExp(`${e.cause}\\s+${e.phase}\\s+${e.count}\\s+${e.example}`));
  for (const w of result.warnings) assert.ok(text.includes(`  - ${w}`));
  assert.ok(!text.includes('Diagnosis'), 'no Diagnosis section unless asked');
  assert.ok(!text.includes('\x1b['), 'no colour unless asked');
});

test('text report: the Diagnosis section lists every finding, errors first, and colour only when asked', () => {
  const text = formatRunReport(result, { findings: true });
  const diagnosis = text.slice(text.indexOf('\nDiagnosis\n'));
  const positions = result.findings.map((f) => diagnosis.indexOf(`] ${f.title}\n`));
  assert.ok(positions.every((p) => p > 0), 'every finding is listed, by its title');
  assert.ok(result.findings.every((f) => !diagnosis.includes(`(${f.id})`)), 'no internal finding id');
  const labels = [...diagnosis.matchAll(/^\[(ERROR|WARN|INFO)\]/gm)].map((m) => m[1]);
  assert.equal(labels.length, result.findings.length);
  const rank = labels.map((l) => ['ERROR', 'WARN', 'INFO'].indexOf(l));
  assert.deepEqual(rank, [...rank].sort((a, b) => a - b), 'errors first, then warnings, then info');
  assert.ok(formatRunReport(result, { findings: true, color: true }).includes('\x1b[31m[ERROR]'));
});

test('text report: a run stopped by a crashed load thread says why', () => {
  const text = formatRunReport({ ...result, stopReason: 'error', stopMessage: 'Load thread 1 crashed: out of memory' });
  assert.match(text.split('\n')[1], /· stopped by an error$/);
  assert.equal(text.split('\n')[2], '  Load thread 1 crashed: out of memory');
});

test('CSV report: one row a second with the series numbers and one column per error cause', () => {
  const rows = renderCsvReport(result).trimEnd().split('\n').map((line) => line.split(','));
  const causes = [...new Set(result.series.flatMap((p) => Object.keys(p.errorsByCause)))].sort();
  assert.deepEqual(rows[0], [
    't_s', 'interval_ms', 'completed', 'failed', 'req_per_s', 'latency_p50_ms', 'latency_p90_ms', 'latency_p99_ms', 'connect_p99_ms', 'bytes_read', 'open_connections', 'connecting',
    ...causes.map((c) => `errors_${c}`),
  ]);
  assert.equal(rows.length - 1, result.series.length);
  result.series.forEach((p, i) => {
    const row = rows[i + 1];
    assert.deepEqual(row.slice(0, 5), [(p.tMs / 1000).toFixed(3), String(p.intervalMs), String(p.completed), String(p.failed), ((p.completed * 1000) / p.intervalMs).toFixed(1)]);
    assert.equal(row[9], String(p.bytesRead));
  });
  const column = rows[0].indexOf('errors_ECONNRESET');
  const resets = rows.slice(1).reduce((sum, row) => sum + Number(row[column]), 0);
  assert.equal(resets, result.errors.byCause.ECONNRESET, 'the per-second resets add up to the run total');
});
