// A RunResult built from a few numbers, for rules tested on synthetic inputs.
import type { DistributionBucket, ErrorCause, LatencySummary, RunResult } from '../../../src/shared/result';

function summary(values: number[]): LatencySummary {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
  return { count: s.length, min: s[0] ?? 0, mean, stdev: 0, max: s[s.length - 1] ?? 0, p50: q(0.5), p75: q(0.75), p90: q(0.9), p95: q(0.95), p99: q(0.99), p999: q(0.999), p9999: q(0.9999) };
}

/** Log-spaced buckets (10 per decade) like the engine's. */
function buckets(values: number[]): DistributionBucket[] {
  const map = new Map<number, number>();
  for (const v of values) {
    const k = Math.floor(Math.log10(Math.max(v, 0.001)) * 10);
    map.set(k, (map.get(k) ?? 0) + 1);
  }
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([k, count]) => ({ fromMs: 10 ** (k / 10), toMs: 10 ** ((k + 1) / 10), count }));
}

export interface RunShape {
  connectMs?: number[];
  firstByteMs?: number[];
  errors?: Partial<Record<ErrorCause, number>>;
  connectingAtStopMs?: number[];
  connections?: number;
  keepAlive?: boolean;
}

export function runResult(shape: RunShape = {}): RunResult {
  const connect = shape.connectMs ?? Array.from({ length: 200 }, (_, i) => 0.2 + (i % 7) * 0.05);
  const firstByte = shape.firstByteMs ?? connect.map((c) => c + 1);
  const errors = shape.errors ?? {};
  const failed = Object.values(errors).reduce((a, b) => a + (b ?? 0), 0);
  const stuck = shape.connectingAtStopMs ?? [];
  return {
    schemaVersion: 1,
    tool: { name: 'load-test-localhost', version: '0.0.0-test' },
    options: { url: 'http://127.0.0.1:3000/', method: 'GET', connections: shape.connections ?? 10, keepAlive: shape.keepAlive ?? false, headers: {}, bodyBytes: 0, connectTimeoutMs: 10000, responseTimeoutMs: 10000, workers: 0, http2: false },
    target: { url: 'http://127.0.0.1:3000/', host: '127.0.0.1', port: 3000, addresses: ['127.0.0.1'] },
    startedAt: new Date(0).toISOString(),
    durationMs: 3000,
    stopReason: 'duration',
    requests: { started: connect.length + failed, ok: connect.length, failed, inFlight: 0, non2xx: 0 },
    connections: { opened: connect.length, failedConnects: 0, connectingAtStop: stuck.length, connectingAtStopMs: stuck, openAtStop: 0 },
    throughput: { requestsPerSec: connect.length / 3, bytesRead: 0, bytesWritten: 0, bytesReadPerSec: 0 },
    latency: { total: summary(firstByte), connect: summary(connect), firstByte: summary(firstByte) },
    distributions: { total: buckets(firstByte), connect: buckets(connect) },
    statusCodes: { '200': connect.length },
    errors: { total: failed, byCause: errors, byPhase: {}, detail: [] },
    series: [],
    findings: [],
    warnings: [],
  };
}
