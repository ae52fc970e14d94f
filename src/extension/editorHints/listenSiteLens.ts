// A lens above each listen site: the effective backlog and where it comes from; after a run that overflowed it,
// the finding in one line. Clicking the first sets the backlog (where the API takes one); the second opens the
// suggested sysctl.d content.
import * as vscode from 'vscode';
import { suggestedBacklog } from '../../hints/findingPlacement';
import { findingLensTitle, listenLensTitle } from '../../hints/listenSiteSummary';
import type { FindingDiagnostics } from './findingDiagnostics';
import { listenSitesOf, rangeOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';
import { COMMANDS } from '../commandIds';


export class ListenSiteLens implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly kernel: KernelView, private readonly diagnostics: FindingDiagnostics) {}

  refresh(): void {
    this.emitter.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!hintsEnabled()) return [];
    const sites = listenSitesOf(document);
    if (sites.length === 0) return [];
    const somaxconn = await this.kernel.somaxconn();
    if (token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const site of sites) {
      const range = rangeOf(document, site.span);
      const findings = this.diagnostics.findingsAt(document.uri, site.span);
      const backlog = suggestedBacklog(findings, site, this.kernel.connections());
      lenses.push(new vscode.CodeLens(range, {
        title: listenLensTitle(site, somaxconn),
        tooltip: site.backlogEdit ? `Set the backlog to ${backlog}` : site.defaultSource,
        command: site.backlogEdit ? COMMANDS.setListenBacklog : '',
        arguments: site.backlogEdit ? [document.uri, site.span.start, backlog] : undefined,
      }));
      for (const finding of findings) {
        lenses.push(new vscode.CodeLens(range, {
          title: findingLensTitle(finding, this.kernel.connections()),
          tooltip: finding.explanation,
          command: COMMANDS.openSysctlConf,
        }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
