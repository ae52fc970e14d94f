// The Diagnosis section of the text report: each finding with its evidence (and where it was read) and its fixes,
// then what the diagnosis could not see.
import { cleanVerdict, diagnosisCoverage } from '../shared/notChecked';
import type { Finding, Fix, KernelReport, Severity } from '../shared/findings';
import { textStyle, type TextStyle } from './textStyle';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARN', info: 'INFO' };
const COLOR: Record<Severity, keyof TextStyle> = { error: 'red', warning: 'yellow', info: 'cyan' };

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function formatFix(fix: Fix, st: TextStyle): string[] {
  const lines = [`  - ${fix.title}`];
  if (fix.command) lines.push(`      $ ${st.bold(fix.command)}`);
  if (fix.snippet) lines.push(indent(fix.snippet, '      '));
  if (fix.persistent) lines.push(`      persist in ${fix.persistent.file}:`, indent(fix.persistent.content.trimEnd(), '        '));
  if (fix.detail) lines.push(indent(st.dim(fix.detail), '      '));
  return lines;
}

/** "Not checked:" lines (what could not be read and what that hides), then caveats about what the readings cover. */
function coverageLines(kernel: Pick<KernelReport, 'blindSpots'> | undefined, st: TextStyle): string[] {
  const { notChecked, caveats } = diagnosisCoverage(kernel);
  const lines: string[] = [];
  if (notChecked.length > 0) lines.push(st.bold('Not checked:'), ...notChecked.map((b) => `  - ${b.text}`));
  lines.push(...caveats.map((b) => st.dim(`Note: ${b.text}`)));
  return lines;
}

/** The findings, then what the diagnosis could not see; "No kernel TCP trouble found." only when it saw everything. */
export function formatFindings(findings: Finding[], opts: { color?: boolean; kernel?: Pick<KernelReport, 'blindSpots'> } = {}): string {
  const st = textStyle(opts.color ?? false);
  const coverage = coverageLines(opts.kernel, st);
  const tail = coverage.length > 0 ? coverage.join('\n') + '\n' : '';
  if (findings.length === 0) return `${cleanVerdict(opts.kernel)}\n${tail}`;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const blocks = sorted.map((f) => {
    const lines = [`${st.bold(st[COLOR[f.severity]](`[${LABEL[f.severity]}]`))} ${st.bold(f.title)}`];
    lines.push(indent(f.explanation, '  '));
    if (f.evidence.length > 0) {
      lines.push('  Evidence:');
      for (const e of f.evidence) lines.push(`  - ${e.label}: ${st.bold(String(e.value))} ${st.dim(`[${e.source}]`)}`);
    }
    if (f.fixes.length > 0) {
      lines.push('  Fix:');
      for (const fix of f.fixes) lines.push(...formatFix(fix, st));
    }
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n' + (tail ? `\n${tail}` : '');
}
