// A result of another tool (k6, Locust) in the RunResult shape, so that history and the panel compare it with local
// runs. What the other tool does not measure stays NaN (null in JSON, shown as "-") and is listed by name in
// `imported.notMeasured` and in a warning: nothing is invented.
import type { ImportInfo, LatencySummary, RunOptionsEcho, RunResult } from '../shared/result';
import { TOOL_VERSION } from '../engine/toolVersion';
import { defaultPort } from '../engine/loopbackTarget';

export type ImportedRunResult = RunResult & { imported: ImportInfo };

/** Every figure of a latency summary, NaN where the tool gave none. */
export function latencyFrom(values: Partial<LatencySummary>): LatencySummary {
  const value = (key: keyof LatencySummary) => {
    const v = values[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  };
  return {
    count: value('count'),
    min: value('min'),
    mean: value('mean'),
    stdev: value('stdev'),
    max: value('max'),
    p50: value('p50'),
    p75: value('p75'),
    p90: value('p90'),
    p95: value('p95'),
    p99: value('p99'),
    p999: value('p999'),
    p9999: value('p9999'),
  };
}

export const NOT_MEASURED_LATENCY = latencyFrom({});

/**
 * Text taken from an imported file (method, metric and threshold names) without control characters, so that a
 * crafted file cannot move the cursor or recolour the terminal when the CLI prints it. At most 200 characters.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').slice(0, 200);
}

export interface ImportedFigures {
  info: Omit<ImportInfo, 'notMeasured'>;
  notMeasured: string[];
  url?: string;
  method?: string;
  users?: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  failed: number;
  requestsPerSec: number;
  bytesRead?: number;
  bytesWritten?: number;
  total: LatencySummary;
  connect?: LatencySummary;
  /** What the failures were, as the tool words them (Locust's failures CSV, k6 has none). */
  notes?: string[];
}

function hostAndPort(url: string | undefined): { host: string; port: number } {
  try {
    const parsed = new URL(url ?? '');
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: defaultPort(parsed) };
  } catch {
    return { host: 'unknown', port: Number.NaN };
  }
}

export function importedResult(f: ImportedFigures): ImportedRunResult {
  const toolName = f.info.tool === 'k6' ? 'k6' : 'Locust';
  const url = f.url ?? `(target not recorded by ${toolName})`;
  const { host, port } = hostAndPort(f.url);
  const nan = Number.NaN;
  const options: RunOptionsEcho = {
    url,
    method: f.method ? printable(f.method) : 'GET',
    connections: f.users ?? nan,
    keepAlive: true,
    headers: {},
    bodyBytes: nan,
    connectTimeoutMs: nan,
    responseTimeoutMs: nan,
    workers: nan,
    http2: false,
  };
  const notMeasured = [
    ...f.notMeasured,
    'TCP connections opened and starved',
    'status codes',
    'error causes and phases',
    'latency and connect-time distributions',
    'time series',
    'kernel counters and diagnosis',
    'request options (connection reuse, headers, body, timeouts)',
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'load-test-localhost', version: TOOL_VERSION },
    options,
    target: { url, host, port, addresses: [] },
    startedAt: f.startedAt,
    durationMs: f.durationMs,
    stopReason: 'duration',
    requests: { started: f.requests, ok: f.requests - f.failed, failed: f.failed, inFlight: 0, non2xx: nan },
    connections: { opened: nan, failedConnects: nan, connectingAtStop: nan, connectingAtStopMs: [], openAtStop: nan },
    throughput: {
      requestsPerSec: f.requestsPerSec,
      bytesRead: f.bytesRead ?? nan,
      bytesWritten: f.bytesWritten ?? nan,
      bytesReadPerSec: f.bytesRead !== undefined && f.durationMs > 0 ? (f.bytesRead * 1000) / f.durationMs : nan,
    },
    latency: { total: f.total, connect: f.connect ?? NOT_MEASURED_LATENCY, firstByte: NOT_MEASURED_LATENCY },
    distributions: { total: [], connect: [] },
    statusCodes: {},
    errors: { total: f.failed, byCause: {}, byPhase: {}, detail: [] },
    series: [],
    findings: [],
    warnings: [
      `Imported from ${f.info.format} (${printable(f.info.file)}). Not in that file, so left empty rather than guessed: ${notMeasured.join(', ')}.`,
      ...(f.notes ?? []).map(printable),
    ],
    imported: { ...f.info, file: printable(f.info.file), notMeasured },
  };
}
