// The Diagnosis section of the text report: each finding with its evidence (and where it was read) and its fixes.
import type { Finding, Fix, Severity } from '../shared/findings';
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

export function formatFindings(findings: Finding[], opts: { color?: boolean } = {}): string {
  const st = textStyle(opts.color ?? false);
  if (findings.length === 0) return 'No kernel TCP trouble found.\n';
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const blocks = sorted.map((f) => {
    const lines = [`${st.bold(st[COLOR[f.severity]](`[${LABEL[f.severity]}]`))} ${st.bold(f.title)} ${st.dim(`(${f.id})`)}`];
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
  return blocks.join('\n\n') + '\n';
}
