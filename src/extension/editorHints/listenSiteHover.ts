// Hover over a listen site: the effective backlog with its sources, and the last run's finding there.
import * as vscode from 'vscode';
import { listenHoverMarkdown } from '../../hints/listenSiteSummary';
import type { FindingDiagnostics } from './findingDiagnostics';
import { listenSitesOf, rangeOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';

export class ListenSiteHover implements vscode.HoverProvider {
  constructor(private readonly kernel: KernelView, private readonly diagnostics: FindingDiagnostics) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!hintsEnabled()) return undefined;
    const offset = document.offsetAt(position);
    const site = listenSitesOf(document).find((s) => s.span.start <= offset && offset <= s.span.end);
    if (!site) return undefined;
    const somaxconn = await this.kernel.somaxconn();
    if (token.isCancellationRequested) return undefined;
    const here = this.diagnostics.placedAt(document.uri, site.span);
    const markdown = new vscode.MarkdownString(
      listenHoverMarkdown(site, somaxconn, here.map((h) => h.finding), this.kernel.connections(), here.map((h) => h.recheck)),
    );
    return new vscode.Hover(markdown, rangeOf(document, site.span));
  }
}
