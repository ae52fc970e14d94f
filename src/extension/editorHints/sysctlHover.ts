// Hover over an entry of a sysctl file: what the setting limits, its value now, and what the last run suggests.
import * as vscode from 'vscode';
import { suggestedSysctl } from '../../hints/findingPlacement';
import { describeSysctl } from '../../hints/sysctlDescriptions';
import { rangeOf, sysctlEntriesOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';

export class SysctlHover implements vscode.HoverProvider {
  constructor(private readonly kernel: KernelView) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!hintsEnabled()) return undefined;
    const entry = sysctlEntriesOf(document).find((e) => e.line === position.line);
    if (!entry) return undefined;
    const description = describeSysctl(entry.key);
    const current = (await this.kernel.settings())[entry.key];
    const suggestion = suggestedSysctl(this.kernel.findings(), entry.key);
    if (token.isCancellationRequested) return undefined;
    if (!description && current === undefined && !suggestion) return undefined; // nothing to say
    const lines = [`**${entry.key}** = \`${entry.value}\` in this file`, ''];
    if (description) {
      lines.push(description.limits);
      if (description.note) lines.push('', description.note);
      lines.push('');
    }
    if (current !== undefined) lines.push(`- now: \`${current}\``);
    if (description?.defaultValue !== undefined) lines.push(`- kernel default: \`${description.defaultValue}\``);
    if (suggestion) lines.push(`- the last run suggests \`${suggestion.value}\` (${suggestion.finding.title})`);
    return new vscode.Hover(new vscode.MarkdownString(lines.join('\n')), rangeOf(document, { start: entry.keySpan.start, end: entry.valueSpan.end }));
  }
}
