// Quick fixes at a listen site: set the backlog (where the API takes one), linked to the Load Test diagnostic
// there; and, for a site with a finding, open the suggested /etc/sysctl.d content (somaxconn caps the backlog).
import * as vscode from 'vscode';
import { suggestedBacklog, suggestedSysctl } from '../../hints/findingPlacement';
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
    // Read by the diagnostics pass that placed the findings; answering synchronously keeps the light bulb prompt.
    const somaxconn = this.kernel.somaxconnSeen();
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
      // Offered only when the last run suggests a somaxconn above the kernel's value now (4096 = 4096 needs nothing).
      const mac = this.kernel.result()?.kernel?.platform === 'darwin';
      const raise = suggestedSysctl(findings, mac ? 'kern.ipc.somaxconn' : 'net.core.somaxconn');
      if (raise && (somaxconn === undefined || Number(raise.value) > somaxconn)) {
        const title = mac
          ? `Raise kern.ipc.somaxconn to ${raise.value} too (open the command and its LaunchDaemon)`
          : `Raise net.core.somaxconn to ${raise.value} too (open /etc/sysctl.d content)`;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: COMMANDS.openSysctlConf, title: action.title };
        action.diagnostics = ours;
        actions.push(action);
      }
    }
    return actions;
  }
}
