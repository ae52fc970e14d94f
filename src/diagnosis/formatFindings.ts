// Text for the CLI's Diagnosis section: each finding with its evidence (and where it was read) and its fixes.
import type { Finding, Fix, Severity } from '../shared/findings';

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

export function formatFindings(findings: Finding[], opts: { color?: boolean } = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  if (findings.length === 0) return 'No kernel TCP trouble found.\n';
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
  return blocks.join('\n\n') + '\n';
}
