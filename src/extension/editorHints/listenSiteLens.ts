// Short lenses above each listen site, one fact each. What a click does is in the label: the backlog and the last
// run's findings explain themselves (the hover opens); only "Set backlog to N" edits the file, and only
// "Run again to confirm" starts a run. Shown after a run that found trouble here, re-checked as the code changes.
import * as vscode from 'vscode';
import { suggestedBacklog } from '../../hints/findingPlacement';
import { findingLensTitle, listenLensTitle } from '../../hints/listenSiteSummary';
import type { ListenSite } from '../../hints/listenSite';
import type { FindingDiagnostics } from './findingDiagnostics';
import { listenSitesOf, rangeOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';
import { COMMANDS } from '../commandIds';

/** The backlog the code asks for now; undefined when computed at run time. */
function requestedBacklog(site: ListenSite): number | 'somaxconn' | undefined {
  return site.backlog ? site.backlog.value : site.defaultBacklog;
}

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
      const explain: vscode.Command = {
        title: '',
        command: COMMANDS.explainListenSite,
        arguments: [document.uri, range.start],
      };
      lenses.push(new vscode.CodeLens(range, { ...explain, title: listenLensTitle(site, somaxconn), tooltip: `${site.defaultSource}. Click for details.` }));
      // All lenses of a line share one row: the first open finding, then a count, keep it within the editor's width.
      const here = this.diagnostics.placedAt(document.uri, site.span);
      const open = here.filter((h) => !h.recheck.fixedInCode).map((h) => h.finding);
      const fixed = here.filter((h) => h.recheck.fixedInCode).map((h) => h.finding);
      if (open[0]) {
        lenses.push(new vscode.CodeLens(range, { ...explain, title: findingLensTitle(open[0]), tooltip: `${open[0].title}. Click for the evidence and the fix.` }));
      }
      if (open.length > 1) {
        lenses.push(new vscode.CodeLens(range, { ...explain, title: `+${open.length - 1} more`, tooltip: open.slice(1).map((f) => f.title).join('\n') }));
      }
      if (fixed.length > 0) {
        lenses.push(new vscode.CodeLens(range, { ...explain, title: '$(pass) Fixed in the code since the last run', tooltip: fixed.map((f) => f.title).join('\n') }));
      }
      const backlog = suggestedBacklog(open, site, this.kernel.connections());
      const requested = requestedBacklog(site);
      const wouldRaise = typeof requested === 'number' && requested < backlog;
      if (site.backlogEdit && open.length > 0 && wouldRaise) {
        lenses.push(new vscode.CodeLens(range, {
          title: `$(edit) Set backlog to ${backlog}`,
          tooltip: `Edits this line: listen() gets a backlog of ${backlog}`,
          command: COMMANDS.setListenBacklog,
          arguments: [document.uri, site.span.start, backlog],
        }));
      }
      if (fixed.length > 0) {
        lenses.push(new vscode.CodeLens(range, { title: '$(debug-rerun) Run again to confirm', tooltip: 'Runs the last load test again', command: COMMANDS.runAgain }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The click on an informational lens: the cursor goes to the listen call and its hover opens there. */
export async function explainListenSite(uri: vscode.Uri, position: vscode.Position): Promise<void> {
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preserveFocus: false });
  await vscode.commands.executeCommand('editor.action.showHover');
}
