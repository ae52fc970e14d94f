// Inline tuning hints: lenses, hovers and quick fixes at listen sites and in sysctl files, and the last run's
// findings in the Problems view. Everything is off while `loadTest.hints.enabled` is false.
import * as vscode from 'vscode';
import type { RunResult } from '../../shared/result';
import { setListenBacklog } from './backlogEdit';
import { BacklogQuickFix } from './backlogQuickFix';
import { FindingDiagnostics } from './findingDiagnostics';
import { forgetDocument, isSysctlDocument, LISTEN_SELECTOR, mayHoldListenSites, SYSCTL_SELECTOR } from './hintDocuments';
import type { HintSource, SettableHintSource } from './hintSource';
import { onDidChangeHintsEnabled } from './hintsEnabled';
import { KernelView } from './kernelView';
import { ListenSiteHover } from './listenSiteHover';
import { COMMANDS } from '../commandIds';
import { explainListenSite, ListenSiteLens } from './listenSiteLens';
import { openSysctlConf } from './openSysctlConf';
import { SysctlFileDiagnostics } from './sysctlFileDiagnostics';
import { SysctlHover } from './sysctlHover';

export { SettableHintSource, type HintSource } from './hintSource';

/** Handle for tests (and the run controller) on what registerHints set up. */
export interface Hints extends vscode.Disposable {
  /** Resolves when the Problems view reflects the current result. */
  refreshed(): Promise<void>;
}

export function registerHints(context: vscode.ExtensionContext, source: HintSource): Hints {
  const kernel = new KernelView(source);
  const findingDiagnostics = new FindingDiagnostics(kernel);
  const sysctlDiagnostics = new SysctlFileDiagnostics(kernel);
  const lens = new ListenSiteLens(kernel, findingDiagnostics);

  const refreshAll = () => {
    kernel.invalidate();
    void findingDiagnostics.refresh();
    sysctlDiagnostics.checkAll();
    lens.refresh();
  };

  const disposables: vscode.Disposable[] = [
    findingDiagnostics,
    sysctlDiagnostics,
    lens,
    vscode.languages.registerCodeLensProvider(LISTEN_SELECTOR, lens),
    vscode.languages.registerHoverProvider(LISTEN_SELECTOR, new ListenSiteHover(kernel, findingDiagnostics)),
    vscode.languages.registerHoverProvider(SYSCTL_SELECTOR, new SysctlHover(kernel)),
    vscode.languages.registerCodeActionsProvider(LISTEN_SELECTOR, new BacklogQuickFix(kernel, findingDiagnostics), BacklogQuickFix.metadata),
    vscode.commands.registerCommand(COMMANDS.dismissHints, () => findingDiagnostics.dismiss()),
    vscode.commands.registerCommand(COMMANDS.openSysctlConf, () => openSysctlConf(kernel)),
    vscode.commands.registerCommand(COMMANDS.setListenBacklog, setListenBacklog),
    vscode.commands.registerCommand(COMMANDS.explainListenSite, explainListenSite),
    source.onDidChange(refreshAll),
    onDidChangeHintsEnabled(refreshAll),
    findingDiagnostics.onDidChange(() => lens.refresh()),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isSysctlDocument(document)) sysctlDiagnostics.schedule(document);
      else if (mayHoldListenSites(document)) findingDiagnostics.schedule();
    }),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length === 0) return;
      if (isSysctlDocument(document)) sysctlDiagnostics.schedule(document);
      else if (mayHoldListenSites(document)) findingDiagnostics.schedule();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      forgetDocument(document);
      sysctlDiagnostics.forget(document);
    }),
  ];
  sysctlDiagnostics.checkAll();
  void findingDiagnostics.refresh();

  const hints: Hints = {
    refreshed: () => findingDiagnostics.whenSettled(),
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
  context.subscriptions.push(hints);
  return hints;
}

/** What the extension's activate() returns so the extension-host tests can drive the hints. */
export interface HintsTestHook {
  setLastResultForTest(result: RunResult | undefined): Promise<void>;
  /** The result the hints are drawn from now. */
  hintedResultForTest(): RunResult | undefined;
  setKernelSettingsForTest(settings: Record<string, string> | undefined): Promise<void>;
  /** Resolves once the hints reflect the latest edits (the re-check after a change is debounced). */
  hintsSettledForTest(): Promise<void>;
}

export function hintsTestHook(source: SettableHintSource, hints: Hints): HintsTestHook {
  return {
    async setLastResultForTest(result) {
      source.setLastResult(result);
      await hints.refreshed();
    },
    hintedResultForTest: () => source.lastResult(),
    async setKernelSettingsForTest(settings) {
      source.setKernelSettings(settings);
      await hints.refreshed();
    },
    hintsSettledForTest: () => hints.refreshed(),
  };
}
