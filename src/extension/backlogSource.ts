// "Open where the backlog is set": the listen() call (or server command) for the finding's port, found with the
// editor hints' own detection across the workspace, opened at that line.
import * as vscode from 'vscode';
import type { Finding } from '../shared/findings';
import { scanHintFiles } from './editorHints/workspaceHintFiles';

/** The ports a finding is about; the run's target port when the finding names none. */
function portsOf(finding: Finding | undefined, targetPort: number | undefined): number[] {
  const ports = (finding?.subjects ?? []).flatMap((s) => (s.kind === 'listen-backlog' ? [s.port] : []));
  if (ports.length > 0) return ports;
  return targetPort === undefined ? [] : [targetPort];
}

export async function openBacklogSource(finding: Finding | undefined, targetPort: number | undefined): Promise<boolean> {
  const ports = new Set(portsOf(finding, targetPort));
  const source = new vscode.CancellationTokenSource();
  try {
    const scanned = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Looking for the listen call…' },
      () => scanHintFiles(source.token),
    );
    const sites = (scanned?.listen ?? []).flatMap((file) => file.sites.map((site) => ({ file, site })));
    const onPort = sites.filter(({ site }) => site.port?.value !== undefined && ports.has(site.port.value));
    // A single listen site in the workspace is the answer even when its port is computed.
    const match = onPort[0] ?? (sites.length === 1 ? sites[0] : undefined);
    if (!match) {
      const where = ports.size > 0 ? ` for port ${[...ports].join(', ')}` : '';
      void vscode.window.showInformationMessage(`No listen() call${where} found in this workspace. The backlog may be set by a framework or its config.`);
      return false;
    }
    const start = match.file.positionAt(match.site.span.start);
    const end = match.file.positionAt(match.site.span.end);
    await vscode.window.showTextDocument(match.file.uri, { selection: new vscode.Range(start, end), preview: false });
    return true;
  } finally {
    source.dispose();
  }
}
