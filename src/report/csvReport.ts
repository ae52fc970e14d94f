// The time series as CSV (one row a second), for spreadsheets and before/after comparisons.
import type { ErrorCause, RunResult } from '../shared/result';

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsvReport(result: RunResult): string {
  const causes = [...new Set(result.series.flatMap((p) => Object.keys(p.errorsByCause)))].sort() as ErrorCause[];
  const header = ['t_s', 'interval_ms', 'completed', 'failed', 'req_per_s', 'latency_p50_ms', 'latency_p90_ms', 'latency_p99_ms', 'connect_p99_ms', 'bytes_read', 'open_connections', 'connecting', ...causes.map((c) => `errors_${c}`)];
  const rows = result.series.map((p) => [
    (p.tMs / 1000).toFixed(3),
    p.intervalMs,
    p.completed,
    p.failed,
    ((p.completed * 1000) / p.intervalMs).toFixed(1),
    p.latencyP50,
    p.latencyP90,
    p.latencyP99,
    p.connectP99,
    p.bytesRead,
    p.openConnections,
    p.connectingConnections,
    ...causes.map((c) => p.errorsByCause[c] ?? 0),
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
