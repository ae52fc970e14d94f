// Quick fixes at a listen site: set the backlog (where the API takes one), linked to the Load Test diagnostic
// there; and, for a site with a finding, open the suggested /etc/sysctl.d content (somaxconn caps the backlog).
import * as vscode from 'vscode';
import { suggestedBacklog } from '../../hints/findingPlacement';
import { backlogWorkspaceEdit } from './backlogEdit';
import { DIAGNOSTIC_SOURCE, type FindingDiagnostics } from './findingDiagnostics';
import { listenSitesOf, rangeOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';
import { COMMANDS } from '../commandIds';

export class BacklogQuickFix implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly kernel: KernelView, private readonly diagnostics: FindingDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (!hintsEnabled()) return [];
    const actions: vscode.CodeAction[] = [];
    for (const site of listenSitesOf(document)) {
      const siteRange = rangeOf(document, site.span);
      if (!siteRange.intersection(range)) continue;
      const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.intersection(siteRange));
      const findings = this.diagnostics.findingsAt(document.uri, site.span);
      const backlog = suggestedBacklog(findings, site, this.kernel.connections());
      const edit = backlogWorkspaceEdit(document, site, backlog);
      if (edit) {
        const action = new vscode.CodeAction(`Set the listen backlog to ${backlog}`, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = ours;
        action.isPreferred = ours.length > 0;
        actions.push(action);
      }
      if (findings.length > 0) {
        const mac = this.kernel.result()?.kernel?.platform === 'darwin';
        const title = mac ? 'Raise kern.ipc.somaxconn too (open the command and its LaunchDaemon)' : 'Raise net.core.somaxconn too (open /etc/sysctl.d content)';
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: COMMANDS.openSysctlConf, title: action.title };
        action.diagnostics = ours;
        actions.push(action);
      }
    }
    return actions;
  }
}
