// The last run's findings in the Problems view, at the places the fix belongs: listen sites for listen-backlog
// findings, sysctl entries for sysctl findings. Cleared when a later run is clean, when dismissed, or when hints
// are turned off. Recomputed (debounced, cancelling the previous pass) when documents change.
import * as vscode from 'vscode';
import type { Finding } from '../../shared/findings';
import { findingOneLine, placeListenFindings, placeSysctlFindings } from '../../hints/findingPlacement';
import type { ListenSite, TextSpan } from '../../hints/listenSite';
import type { RunResult } from '../../shared/result';
import { lastRunMessage, recheckListenFinding, recheckSysctlFinding, type Recheck } from '../../hints/findingRecheck';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';
import { scanHintFiles } from './workspaceHintFiles';

export const DIAGNOSTIC_SOURCE = 'Load Test';
const REFRESH_DELAY_MS = 400;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

interface PlacedFinding {
  uri: string;
  span: TextSpan;
  range: vscode.Range;
  finding: Finding;
  site?: ListenSite;
  /** Re-checked against the text as it is now (the finding itself is from the last run). */
  recheck: Recheck;
}

/** A finding at a listen site, with what the code says about it now. */
export interface FindingHere {
  finding: Finding;
  recheck: Recheck;
}

export class FindingDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after the diagnostics (and so the findings shown by lenses and hovers) changed. */
  readonly onDidChange = this.changeEmitter.event;
  private placed: PlacedFinding[] = [];
  private dismissed: RunResult | undefined;
  private pass: vscode.CancellationTokenSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly kernel: KernelView) {}

  /** Clears the diagnostics of the current result until a new run. */
  dismiss(): void {
    this.dismissed = this.kernel.result();
    this.clear();
  }

  /** Soon, after edits settle. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Now; resolves when the diagnostics are in place. */
  refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pass?.cancel();
    const pass = new vscode.CancellationTokenSource();
    this.pass = pass;
    this.running = this.update(pass.token).finally(() => pass.dispose());
    return this.running;
  }

  /** Resolves once no pass is running or scheduled any more (a pass cancelled by a newer one is waited past). */
  async whenSettled(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.running || this.timer; ) {
      seen = this.running;
      if (this.timer) await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS));
      await seen;
    }
  }

  /** Findings placed on a listen site of this document that overlaps `span`. */
  findingsAt(uri: vscode.Uri, span: TextSpan): Finding[] {
    return this.placedAt(uri, span).map((p) => p.finding);
  }

  /** The same, each with its re-check against the code as it is now. */
  placedAt(uri: vscode.Uri, span: TextSpan): FindingHere[] {
    const key = uri.toString();
    return this.placed
      .filter((p) => p.uri === key && p.span.start <= span.end && span.start <= p.span.end)
      .map(({ finding, recheck }) => ({ finding, recheck }));
  }

  private clear(): void {
    this.placed = [];
    this.collection.clear();
    this.changeEmitter.fire();
  }

  private async update(token: vscode.CancellationToken): Promise<void> {
    const result = this.kernel.result();
    const findings = result?.findings ?? [];
    if (!hintsEnabled() || findings.length === 0 || result === this.dismissed) {
      if (this.placed.length > 0) this.clear();
      return;
    }
    const files = await scanHintFiles(token);
    if (!files || token.isCancellationRequested) return;
    const positions = new Map([...files.listen, ...files.sysctl].map((f) => [f.uri.toString(), f.positionAt]));
    const rangeIn = (uri: string, span: TextSpan) => {
      const positionAt = positions.get(uri)!;
      return new vscode.Range(positionAt(span.start), positionAt(span.end));
    };
    const somaxconn = await this.kernel.somaxconn();
    if (token.isCancellationRequested) return;
    const listen = placeListenFindings(findings, files.listen.flatMap((f) => f.sites.map((site) => ({ file: f.uri.toString(), site }))));
    const sysctl = placeSysctlFindings(findings, files.sysctl.map((f) => ({ file: f.uri.toString(), entries: f.entries })));
    const placed: PlacedFinding[] = [
      ...listen.map((p) => ({
        uri: p.file,
        span: p.at.span,
        range: rangeIn(p.file, p.at.span),
        finding: p.finding,
        site: p.at,
        recheck: recheckListenFinding(p.finding, p.at, somaxconn),
      })),
      ...sysctl.map((p) => {
        const span = { start: p.at.keySpan.start, end: p.at.valueSpan.end };
        return { uri: p.file, span, range: rangeIn(p.file, span), finding: p.finding, recheck: recheckSysctlFinding(p.finding, p.at) };
      }),
    ];
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const p of placed) {
      // Fixed since the run: a hint (no squiggle, not in the Problems list) until a new run confirms it.
      const severity = p.recheck.fixedInCode ? vscode.DiagnosticSeverity.Hint : SEVERITY[p.finding.severity];
      const message = lastRunMessage(findingOneLine(p.finding, result?.options.connections), p.recheck, p.site ? 'code' : 'file');
      const diagnostic = new vscode.Diagnostic(p.range, message, severity);
      // No `code`: VS Code prints it beside the source ("Load Test(accept-queue-overflow)"), an id users never need.
      diagnostic.source = DIAGNOSTIC_SOURCE;
      const list = byUri.get(p.uri) ?? [];
      list.push(diagnostic);
      byUri.set(p.uri, list);
    }
    if (token.isCancellationRequested) return;
    this.placed = placed;
    this.collection.clear();
    for (const [uri, diagnostics] of byUri) this.collection.set(vscode.Uri.parse(uri), diagnostics);
    this.changeEmitter.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pass?.cancel();
    this.collection.dispose();
    this.changeEmitter.dispose();
  }
}
