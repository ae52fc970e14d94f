// "Show kernel TCP settings": a read-only document of the kernel's TCP settings (value now, kernel default, what
// it means) and the listeners on the target port, shown rendered. Read fresh every time it is opened.
import * as vscode from 'vscode';
import { readKernelOverview } from '../diagnosis/diagnosisSession';
import { describeSysctl } from '../hints/sysctlDescriptions';

export const KERNEL_SETTINGS_SCHEME = 'load-test-kernel';

export function kernelSettingsUri(port: number | undefined): vscode.Uri {
  const name = port === undefined ? 'Kernel TCP settings.md' : `Kernel TCP settings (port ${port}).md`;
  return vscode.Uri.from({ scheme: KERNEL_SETTINGS_SCHEME, path: `/${name}`, query: port === undefined ? '' : `port=${port}` });
}

/** A table cell: no line breaks or pipes (they would end the cell), tabs as spaces. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

export async function renderKernelSettings(port: number | undefined): Promise<string> {
  const overview = await readKernelOverview(port);
  const lines = ['# Kernel TCP settings', '', `Read ${new Date().toLocaleString()} from /proc/sys and \`ss\`. Read-only.`, ''];
  const keys = Object.keys(overview.settings).sort();
  if (keys.length > 0) {
    lines.push('## Settings', '', '| Setting | Now | Kernel default | What it means |', '| --- | --- | --- | --- |');
    for (const key of keys) {
      const description = describeSysctl(key);
      const now = cell(overview.settings[key]);
      const fallback = description?.defaultValue !== undefined ? cell(description.defaultValue) : '';
      const changed = fallback !== '' && fallback !== now;
      const meaning = description ? cell([description.limits, description.note].filter(Boolean).join(' ')) : '';
      lines.push(`| \`${key}\` | **${now}**${changed ? ' (changed)' : ''} | ${fallback} | ${meaning} |`);
    }
    lines.push('');
  }
  lines.push(port === undefined ? '## Listening sockets' : `## Listening on port ${port}`, '');
  if (overview.listeners.length === 0) lines.push('None found.');
  for (const l of overview.listeners) {
    const owner = l.process ? ` — ${l.process}${l.pid !== undefined ? ` (pid ${l.pid})` : ''}` : '';
    lines.push(`- ${l.address}:${l.port}: accept queue ${l.queued} of ${l.backlog}${owner}`);
  }
  if (overview.notes.length > 0) lines.push('', '## Notes', '', ...overview.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

export class KernelSettingsProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const port = /^port=(\d+)$/.exec(uri.query)?.[1];
    return renderKernelSettings(port === undefined ? undefined : Number(port));
  }

  /** Re-reads the document for the port and shows it rendered (Markdown preview); as text if there is no preview. */
  async show(port: number | undefined): Promise<void> {
    const uri = kernelSettingsUri(port);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // The built-in Markdown extension is disabled: the source is still readable.
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }
}
