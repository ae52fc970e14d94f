// Text for the CLI's Diagnosis section: each finding with its evidence (and where it was read) and its fixes.
import { cleanVerdict, diagnosisCoverage } from '../shared/notChecked';
import type { Finding, Fix, KernelReport, Severity } from '../shared/findings';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARN', info: 'INFO' };
const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function formatFix(fix: Fix, paint: (code: string, s: string) => string): string[] {
  const lines = [`  - ${fix.title}`];
  if (fix.command) lines.push(`      $ ${paint(BOLD, fix.command)}`);
  if (fix.snippet) lines.push(indent(fix.snippet, '      '));
  if (fix.persistent) lines.push(`      persist in ${fix.persistent.file}:`, indent(fix.persistent.content.trimEnd(), '        '));
  if (fix.detail) lines.push(indent(paint(DIM, fix.detail), '      '));
  return lines;
}

/** "Not checked:" lines (what could not be read and what that hides), then caveats about what the readings cover. */
function coverageLines(kernel: Pick<KernelReport, 'blindSpots'> | undefined, paint: (code: string, s: string) => string): string[] {
  const { notChecked, caveats } = diagnosisCoverage(kernel);
  const lines: string[] = [];
  if (notChecked.length > 0) lines.push(paint(BOLD, 'Not checked:'), ...notChecked.map((b) => `  - ${b.text}`));
  lines.push(...caveats.map((b) => paint(DIM, `Note: ${b.text}`)));
  return lines;
}

/** The findings, then what the diagnosis could not see; "No kernel TCP trouble found." only when it saw everything. */
export function formatFindings(findings: Finding[], opts: { color?: boolean; kernel?: Pick<KernelReport, 'blindSpots'> } = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  const coverage = coverageLines(opts.kernel, paint);
  const tail = coverage.length > 0 ? coverage.join('\n') + '\n' : '';
  if (findings.length === 0) return `${cleanVerdict(opts.kernel)}\n${tail}`;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const blocks = sorted.map((f) => {
    const lines = [`${paint(COLOR[f.severity] + BOLD, `[${LABEL[f.severity]}]`)} ${paint(BOLD, f.title)} ${paint(DIM, `(${f.id})`)}`];
    lines.push(indent(f.explanation, '  '));
    if (f.evidence.length > 0) {
      lines.push('  Evidence:');
      for (const e of f.evidence) lines.push(`  - ${e.label}: ${paint(BOLD, String(e.value))} ${paint(DIM, `[${e.source}]`)}`);
    }
    if (f.fixes.length > 0) {
      lines.push('  Fix:');
      for (const fix of f.fixes) lines.push(...formatFix(fix, paint));
    }
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n' + (tail ? `\n${tail}` : '');
}
