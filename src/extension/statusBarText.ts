// The words of the status bar button in each state. Pure: the extension-host tests compare against these too.
import type { RunProgress, RunResult } from '../shared/result';
import { formatCount, formatRate } from '../shared/formatNumbers';
import { summarizeRun } from '../report/runSummary';
import { describeRunOptions } from '../shared/runOptionsText';
import { diagnosisCoverage } from '../shared/notChecked';

export const IDLE_TEXT = '$(play) Load test';

export function runningText(progress: RunProgress | undefined): string {
  if (!progress) return '$(loading~spin) Load test starting…';
  const parts = [`${formatRate(progress.requestsPerSec)} req/s`, `${formatCount(progress.requests.failed)} err`];
  if (progress.fraction !== undefined) parts.push(`${Math.floor(progress.fraction * 100)}%`);
  return `$(loading~spin) ${parts.join(' · ')}`;
}

/** Warnings and errors are worth a colour; info findings are not. */
export function hasProblems(result: RunResult): boolean {
  return result.findings.some((f) => f.severity === 'warning' || f.severity === 'error');
}

export function finishedText(result: RunResult): string {
  // Connections still in the handshake at the stop were starved by the server's queues: as much a problem as a
  // failed request (the panel's Starved card is red for them).
  const icon = hasProblems(result) || result.requests.failed > 0 || result.connections.connectingAtStop > 0 ? '$(warning)' : '$(pass)';
  return `${icon} ${summarizeRun(result)}`;
}

/** Markdown for the finished tooltip (command links are enabled for our own commands only). */
export function finishedTooltip(result: RunResult): string {
  const lines = [
    `**Load test** ${result.target.url}`,
    '',
    `${describeRunOptions(result.options)}`,
    '',
    summarizeRun(result),
  ];
  const problems = result.findings.filter((f) => f.severity !== 'info');
  if (problems.length > 0) {
    lines.push('', ...problems.map((f) => `- ${f.severity === 'error' ? '$(error)' : '$(warning)'} ${escapeMarkdown(f.title)}`));
  }
  // What the diagnosis could not see, so a quiet tooltip is not read as a clean bill.
  const { notChecked, caveats } = diagnosisCoverage(result.kernel);
  if (notChecked.length > 0) lines.push('', '**Not checked:**', ...notChecked.map((b) => `- ${escapeMarkdown(b.text)}`));
  if (caveats.length > 0) lines.push('', ...caveats.map((b) => `_${escapeMarkdown(b.text)}_`));
  if (result.stopReason === 'cancelled') lines.push('', '_Stopped before the end; the numbers cover the time it ran._');
  lines.push('', '[Show results](command:loadTest.showResults) · [Run again](command:loadTest.runAgain) · [Export…](command:loadTest.export)');
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}
