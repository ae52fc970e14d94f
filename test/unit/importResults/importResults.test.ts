// Importing k6 summaries and Locust stats. k6 cannot run here: its two summary layouts are written out below as
// k6's documentation and its summary wrapper describe them (the --summary-export file flattens each metric's values
// and turns {ok} thresholds into "crossed" booleans; a Rate metric's `passes` are its non-zero samples).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importResultText, ImportError } from '../../../src/importResults/importResultFile';
import { histogramPercentile } from '../../../src/importResults/locustStats';
import { parse } from '../../../src/importResults/csvRows';

const context = { file: 'summary.json', modifiedAt: new Date('2026-01-31T10:00:10.000Z') };

const summaryExport = {
  root_group: { name: '', path: '', id: 'x', groups: {}, checks: {} },
  metrics: {
    http_reqs: { count: 1000, rate: 200 },
    http_req_failed: { passes: 12, fails: 988, value: 0.012, thresholds: { 'rate<0.01': true } },
    http_req_duration: { avg: 4.2, min: 0.9, med: 3.8, max: 88.1, 'p(90)': 6.1, 'p(95)': 7.5, 'p(99)': 21.4, count: 1000, thresholds: { 'p(99)<30': false } },
    http_req_connecting: { avg: 0.3, min: 0, med: 0.2, max: 9, 'p(90)': 0.5, 'p(95)': 0.7, 'p(99)': 1.9 },
    data_received: { count: 250_000, rate: 50_000 },
    data_sent: { count: 90_000, rate: 18_000 },
    vus_max: { value: 50, min: 50, max: 50 },
  },
};

const handleSummaryData = {
  state: { testRunDurationMs: 5012.5, isStdOutTTY: false, isStdErrTTY: false },
  options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'], summaryTimeUnit: '' },
  metrics: {
    http_reqs: { type: 'counter', contains: 'default', values: { count: 500, rate: 99.75 } },
    http_req_failed: { type: 'rate', contains: 'default', values: { rate: 0, passes: 0, fails: 500 }, thresholds: { 'rate<0.01': { ok: true } } },
    http_req_duration: { type: 'trend', contains: 'time', values: { avg: 10, min: 2, med: 9, max: 40, 'p(90)': 15, 'p(95)': 18 } },
    vus_max: { type: 'gauge', contains: 'default', values: { value: 10, min: 10, max: 10 } },
  },
};

describe('import of other tools\' results', () => {
  it('maps a k6 --summary-export file, with its thresholds and what k6 does not measure', () => {
    const r = importResultText(JSON.stringify(summaryExport), { ...context, url: 'https://staging.example.com/' });
    assert.equal(r.imported.tool, 'k6');
    assert.equal(r.imported.format, 'k6 --summary-export');
    assert.deepEqual(r.requests, { started: 1000, ok: 988, failed: 12, inFlight: 0, non2xx: Number.NaN });
    assert.equal(r.durationMs, 5000, 'count / rate');
    assert.equal(r.startedAt, '2026-01-31T10:00:05.000Z');
    assert.equal(r.throughput.requestsPerSec, 200);
    assert.equal(r.throughput.bytesRead, 250_000);
    assert.equal(r.options.connections, 50);
    assert.equal(r.target.host, 'staging.example.com');
    assert.equal(r.latency.total.p99, 21.4);
    assert.equal(r.latency.total.p50, 3.8);
    assert.ok(Number.isNaN(r.latency.total.p75), 'k6 gives no p75: left empty');
    assert.equal(r.latency.connect.p99, 1.9);
    assert.ok(Number.isNaN(r.latency.firstByte.p99));
    assert.ok(r.warnings.includes('k6 threshold http_req_failed rate<0.01: FAILED'));
    assert.ok(r.warnings.includes('k6 threshold http_req_duration p(99)<30: passed'));
    assert.match(r.warnings[0], /kernel counters/);
    // NaN is how "not measured" survives: JSON carries it as null, never as a made-up 0.
    assert.equal(JSON.parse(JSON.stringify(r)).latency.firstByte.p99, null);
  });

  it('maps handleSummary data (values nested, {ok} thresholds, the test duration from state)', () => {
    const r = importResultText(JSON.stringify(handleSummaryData), context);
    assert.equal(r.imported.format, 'k6 handleSummary data');
    assert.equal(r.requests.started, 500);
    assert.equal(r.requests.failed, 0);
    assert.equal(r.durationMs, 5012.5);
    assert.equal(r.latency.total.p95, 18);
    assert.ok(Number.isNaN(r.latency.total.p99));
    assert.ok(r.imported.notMeasured.some((m) => m.startsWith('p99')), 'says that summaryTrendStats lacked p(99)');
    assert.ok(r.imported.notMeasured.includes('connect time'));
    assert.ok(r.warnings.includes('k6 threshold http_req_failed rate<0.01: passed'));
  });

  it('reads a Locust stats CSV with quoted names and several endpoints through its Aggregated row', () => {
    const csv = [
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%',
      'GET,"/search?q=a,b",60,1,5,6.5,1,30,100.0,12.0,0.2,5,6,7,8,9,12,20,25,30,30,30',
      'GET,/,40,2,3,4.0,1,20,50.0,8.0,0.4,3,4,4,5,6,8,10,15,20,20,20',
      ',Aggregated,100,3,4,5.5,1,30,80.0,20.0,0.6,4,5,6,7,8,11,18,22,30,30,30',
      '',
    ].join('\r\n');
    const r = importResultText(csv, { file: 'run_stats.csv', modifiedAt: new Date('2026-01-31T10:00:05.000Z') });
    assert.equal(r.imported.format, 'Locust --csv stats');
    assert.deepEqual([r.requests.started, r.requests.failed, r.requests.ok], [100, 3, 97]);
    assert.equal(r.durationMs, 5000);
    assert.equal(r.latency.total.p99, 22);
    assert.equal(r.latency.total.p999, 30);
    assert.equal(r.throughput.bytesRead, 8000);
    assert.equal(r.options.method, 'GET');
    assert.ok(Number.isNaN(r.options.connections), 'the CSV does not say how many users ran');
    assert.equal(r.target.url, '(target not recorded by Locust)');
    assert.deepEqual(parse('a,"b,""c""",d\n')[0], ['a', 'b,"c"', 'd']);
  });

  it('reads Locust percentiles from its histogram the way Locust does', () => {
    // Expected values from Locust 2.12's own locust.stats.calculate_response_time_percentile on the same histogram.
    const histogram = new Map([[1, 50], [2, 40], [10, 9], [100, 1]]);
    assert.deepEqual([0.5, 0.9, 0.99, 1].map((p) => histogramPercentile(histogram, 100, p)), [2, 10, 100, 100]);
  });

  it('refuses what it cannot import with one sentence', () => {
    const refuse = (text: string, message: RegExp) => assert.throws(() => importResultText(text, context), (err: Error) => err instanceof ImportError && message.test(err.message));
    refuse('{"metrics": {"vus": {"value": 1}}}', /no http_reqs count/);
    refuse('{"schemaVersion": 1, "options": {}}', /already in the format/);
    refuse('{"a": 1}', /neither a k6 summary/);
    refuse('{not json', /not valid JSON/);
    refuse('Type,Name,Request Count,Failure Count\nGET,/,1,0\n', /not a Locust stats CSV/);
    refuse('hello', /not a file Load Test Localhost can import/);
    refuse('Type,Name,Request Count,Failure Count,Average Response Time,Min Response Time,Max Response Time,Requests/s\nGET,/,1,0,1,1,1,1\n', /no "Aggregated" row/);
  });
});

describe('imported text reaches the terminal only as text', () => {
  it('strips control characters from names taken from the file', () => {
    const crafted = {
      metrics: {
        http_reqs: { count: 10, rate: 5 },
        http_req_duration: { avg: 1, min: 1, med: 1, max: 1, 'p(90)': 1, 'p(95)': 1, thresholds: { 'p(95)<5\u001b[2J\u001b]0;owned\u0007': false } },
      },
    };
    const r = importResultText(JSON.stringify(crafted), { file: 'evil\u001b[31m.json', modifiedAt: new Date() });
    const text = JSON.stringify([r.warnings, r.imported, r.options.method]);
    assert.doesNotMatch(text, /\\u001b|\\u0007/);
    assert.ok(r.warnings.includes('k6 threshold http_req_duration p(95)<5[2J]0;owned: passed'));
  });
});
