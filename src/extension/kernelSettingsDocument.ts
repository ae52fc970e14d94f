// "Show kernel TCP settings": a read-only document of the kernel's TCP settings and the listeners on the target port,
// each setting with what it limits. Read fresh every time the document is opened.
import * as vscode from 'vscode';
import { readKernelOverview } from '../diagnosis/diagnosisSession';
import { describeSysctl } from '../hints/sysctlDescriptions';

export const KERNEL_SETTINGS_SCHEME = 'load-test-kernel';

export function kernelSettingsUri(port: number | undefined): vscode.Uri {
  const name = port === undefined ? 'Kernel TCP settings.md' : `Kernel TCP settings (port ${port}).md`;
  return vscode.Uri.from({ scheme: KERNEL_SETTINGS_SCHEME, path: `/${name}`, query: port === undefined ? '' : `port=${port}` });
}

export async function renderKernelSettings(port: number | undefined): Promise<string> {
  const overview = await readKernelOverview(port);
  const lines = ['# Kernel TCP settings', '', `Read ${new Date().toLocaleString()} from /proc/sys and \`ss\`. Read-only.`, ''];
  const keys = Object.keys(overview.settings).sort();
  if (keys.length > 0) {
    lines.push('## Settings', '');
    for (const key of keys) {
      const description = describeSysctl(key);
      lines.push(`- \`${key}\` = **${overview.settings[key]}**${description ? ` — ${description.limits}` : ''}`);
      if (description?.defaultValue !== undefined && description.defaultValue !== overview.settings[key]) {
        lines.push(`  (kernel default ${description.defaultValue})`);
      }
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

  /** Opens (or re-reads and shows) the document for the port. */
  async show(port: number | undefined): Promise<vscode.TextEditor> {
    const uri = kernelSettingsUri(port);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true });
  }
}
