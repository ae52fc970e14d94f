// The CLI's report: ab's information, laid out so that failures and their causes are impossible to miss.
import { requestsEnded, type LatencySummary, type RunResult } from '../shared/result';
import { describeRunOptions } from '../shared/runOptionsText';
import { formatBytes, formatCount, formatMs, formatPercent, formatRate, MISSING } from '../shared/formatNumbers';
import { formatFindings } from './findingsText';
import { textStyle } from './textStyle';

const STOP_REASONS: Record<RunResult['stopReason'], string> = {
  'request-count': 'all requests sent',
  duration: 'duration reached',
  cancelled: 'cancelled (everything measured up to then is below)',
  error: 'stopped by an error',
};

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => indent + row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('   ').trimEnd());
}

function latencyRow(name: string, s: LatencySummary): string[] {
  if (s.count === 0) return [name, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, '0'];
  return [name, formatMs(s.min), formatMs(s.p50), formatMs(s.p90), formatMs(s.p99), formatMs(s.p999), formatMs(s.max), `${formatMs(s.mean)} ± ${formatMs(s.stdev)}`, formatCount(s.count)];
}

/** The run report; `findings` adds the Diagnosis section. */
export function formatRunReport(result: RunResult, options: { color?: boolean; findings?: boolean } = {}): string {
  const st = textStyle(options.color ?? false);
  const r = result.requests;
  const lines: string[] = [];
  lines.push(st.bold(`Load Test Localhost ${result.tool.version} — ${result.options.method} ${result.target.url}`));
  // An imported result knows neither the options nor why it stopped: say where it came from instead.
  const how = result.imported ? `imported from ${result.imported.format} (${result.imported.file})` : `${describeRunOptions(result.options)}`;
  lines.push(`  ${how} · ran ${formatMs(result.durationMs)}${result.imported ? '' : ` · ${STOP_REASONS[result.stopReason]}`}`);
  if (result.stopMessage) lines.push(st.red(`  ${result.stopMessage}`));
  if (result.target.connectAddress) {
    const others = (result.target.unreachable ?? []).map((u) => `${u.address}: ${u.reason}`);
    lines.push(st.dim(`  connected to ${result.target.connectAddress} port ${result.target.port}${others.length ? ` (also tried ${others.join(', ')})` : ''}`));
  }
  lines.push('');

  const failed = r.failed > 0 ? st.red(`failed ${formatCount(r.failed)} (${formatPercent(r.failed, requestsEnded(r))})`) : `failed 0`;
  lines.push(`${st.bold('Requests')}     started ${formatCount(r.started)}   ok ${st.green(formatCount(r.ok))}   ${failed}   in flight at stop ${formatCount(r.inFlight)}   non-2xx ${formatCount(r.non2xx)}`);
  lines.push(`${st.bold('Throughput')}   ${formatRate(result.throughput.requestsPerSec)} req/s   ${formatBytes(result.throughput.bytesReadPerSec)}/s read   ${formatBytes(result.throughput.bytesRead)} in total`);
  const c = result.connections;
  const starved = c.connectingAtStop > 0 ? st.red(`${c.connectingAtStop} (longest ${formatMs(c.connectingAtStopMs[0] ?? 0)})`) : '0';
  if (!result.imported) lines.push(`${st.bold('Connections')}  opened ${formatCount(c.opened)}   failed to connect ${formatCount(c.failedConnects)}   still connecting at stop ${starved}`);
  if (result.rate) {
    const held = result.rate.held ? st.green('held') : st.red('NOT held');
    lines.push(`${st.bold('Rate')}         target ${formatRate(result.rate.target)} req/s, sent ${formatRate(result.rate.achieved)} req/s: ${held} (late ${formatCount(result.rate.lateRequests)}, worst ${formatMs(result.rate.maxLagMs)}); latency from intended send time`);
  }
  lines.push('');

  lines.push(st.bold('Latency'));
  lines.push(
    ...table([
      ['', 'min', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean ± sd', 'count'],
      latencyRow('connect', result.latency.connect),
      latencyRow('first byte', result.latency.firstByte),
      latencyRow('total', result.latency.total),
    ]),
  );
  lines.push('');

  const codes = Object.entries(result.statusCodes);
  if (!result.imported) lines.push(`${st.bold('Status codes')}  ${codes.length ? codes.map(([code, n]) => `${code}: ${formatCount(n)}`).join('   ') : 'none received'}`);

  if (result.errors.total > 0) {
    lines.push('');
    lines.push(st.bold(st.red(`Errors (${formatCount(result.errors.total)})`)));
    lines.push(
      ...table([
        ['cause', 'phase', 'count', 'first seen'],
        ...result.errors.detail.map((e) => [e.cause, e.phase, formatCount(e.count), e.example]),
      ]).map((line, i) => (i === 0 ? st.dim(line) : line)),
    );
  }
  if (result.warnings.length > 0) {
    lines.push('');
    lines.push(st.bold(st.yellow('Notes')));
    for (const w of result.warnings) lines.push(`  - ${w}`);
  }
  if (options.findings) {
    lines.push('');
    lines.push(st.bold('Diagnosis'));
    lines.push(formatFindings(result.findings, { color: options.color, kernel: result.kernel }));
  }
  return lines.join('\n');
}
