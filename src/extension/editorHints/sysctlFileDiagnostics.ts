// Problems in open sysctl files: values that break local load tests (somaxconn below the last run's concurrency,
// cookies off, too few ephemeral ports). Recomputed after edits settle, on open, and after a run.
import * as vscode from 'vscode';
import { checkSysctlValue } from '../../hints/sysctlChecks';
import { isSysctlDocument, rangeOf, sysctlEntriesOf } from './hintDocuments';
import { hintsEnabled } from './hintsEnabled';
import type { KernelView } from './kernelView';

const DELAY_MS = 300;
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class SysctlFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Load Test kernel settings');
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly kernel: KernelView) {}

  schedule(document: vscode.TextDocument): void {
    if (!isSysctlDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.check(document);
    }, DELAY_MS));
  }

  /** Every open sysctl document, now. */
  checkAll(): void {
    this.collection.clear();
    for (const document of vscode.workspace.textDocuments) if (isSysctlDocument(document)) this.check(document);
  }

  forget(document: vscode.TextDocument): void {
    this.collection.delete(document.uri);
  }

  check(document: vscode.TextDocument): void {
    if (document.isClosed || !hintsEnabled()) {
      this.collection.delete(document.uri);
      return;
    }
    const connections = this.kernel.connections();
    const diagnostics: vscode.Diagnostic[] = [];
    for (const entry of sysctlEntriesOf(document)) {
      for (const problem of checkSysctlValue(entry.key, entry.value, { connections })) {
        const range = rangeOf(document, entry.value ? entry.valueSpan : entry.keySpan);
        const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
        diagnostic.source = 'Load Test';
        diagnostic.code = entry.key;
        diagnostics.push(diagnostic);
      }
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
  }
}
