// Wires the extension together: run controller, status bar, notification, log, results panel (and its restore
// after a reload), history, commands, and the editor hints fed by the last result.
import * as vscode from 'vscode';
import { exportResult, type ExportFormat } from './exportResults';
import type { LoadTestApi } from './extensionApi';
import { hintsTestHook, registerHints, SettableHintSource } from './hints';
import { KERNEL_SETTINGS_SCHEME, KernelSettingsProvider } from './kernelSettingsDocument';
import { LoadTestFlow } from './loadTestFlow';
import { handlePanelMessage } from './panelMessages';
import { RESULTS_VIEW_TYPE, ResultsPanel } from './resultsPanel';
import { showRunProgressNotifications } from './runProgressNotification';
import { trackRunContextKeys } from './runContextKeys';
import { RunController } from './runController';
import { RunHistory } from './runHistory';
import { createRunLog } from './runLog';
import { historySize } from './runSettings';
import { RunStatusBar } from './runStatusBar';
import { LAST_TARGET_KEY } from './targetPicker';
import { testAnswers, type TestAnswers } from './testAnswers';

export function activate(context: vscode.ExtensionContext): LoadTestApi {
  // Per workspace when a folder is open; a window without one shares the global history.
  const storage = context.storageUri ?? context.globalStorageUri;
  const controller = new RunController(new RunHistory(vscode.Uri.joinPath(storage, 'runs'), historySize()));
  const { log, disposable: logDisposable } = createRunLog(controller);
  const statusBar = new RunStatusBar(controller);
  const panel = new ResultsPanel(context.extensionUri, controller);
  panel.setMessageHandler((message) => handlePanelMessage(message, controller, panel));
  const flow = new LoadTestFlow(context, controller, log);
  const kernelSettings = new KernelSettingsProvider();

  const hintSource = new SettableHintSource();
  const hints = registerHints(context, hintSource);

  // After a window reload the last run comes back from history: the panel, "Export", the hints and the status bar.
  const restoreLastRun = async () => {
    const entries = await controller.historyEntries();
    const newest = entries[0] && (await controller.loadFromHistory(entries[0].runId));
    if (!newest) return;
    if (!controller.lastResult()) {
      controller.restoreLast({ runId: entries[0].runId, result: newest });
      hintSource.setLastResult(newest);
      await vscode.commands.executeCommand('setContext', 'loadTest.hasResult', true);
    }
    statusBar.showRestored(newest);
  };
  const restored = restoreLastRun().catch((err: unknown) => log.warn(`Could not read the run history: ${(err as Error).message}`));

  const lastResult = () => controller.lastResult()?.result;

  context.subscriptions.push(
    controller,
    logDisposable,
    statusBar,
    panel,
    hintSource,
    showRunProgressNotifications(controller, panel),
    trackRunContextKeys(controller),
    controller.onDidFinish(({ result }) => hintSource.setLastResult(result)),
    vscode.workspace.registerTextDocumentContentProvider(KERNEL_SETTINGS_SCHEME, kernelSettings),
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel) {
        await restored;
        panel.restore(webviewPanel);
      },
    }),
    vscode.commands.registerCommand('loadTest.run', () => flow.run()),
    vscode.commands.registerCommand('loadTest.runAgain', () => flow.runAgain()),
    vscode.commands.registerCommand('loadTest.stop', () => controller.stop()),
    vscode.commands.registerCommand('loadTest.showResults', () => {
      if (!controller.running && !controller.lastResult()) {
        void vscode.window.showInformationMessage('No load test has run in this workspace yet.', 'Load Test Localhost').then((choice) => {
          if (choice) void flow.run();
        });
        return;
      }
      panel.show(false);
    }),
    vscode.commands.registerCommand('loadTest.showKernelSettings', () => kernelSettings.show(lastPort(context, controller))),
    vscode.commands.registerCommand('loadTest.export', async (format?: ExportFormat, target?: vscode.Uri) => {
      const result = lastResult();
      if (!result) {
        void vscode.window.showInformationMessage('There is no load test result to export yet.');
        return undefined;
      }
      const written = await exportResult(result, context.extensionUri, format, target);
      if (written) {
        log.info(`Exported ${written.fsPath}`);
        void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(written)}`, 'Open').then((choice) => {
          if (choice) void vscode.commands.executeCommand('vscode.open', written);
        });
      }
      return written;
    }),
  );

  return {
    ...hintsTestHook(hintSource, hints),
    runLoadTest: async (options) => (await controller.start(options)).result,
    stop: () => controller.stop(),
    isRunning: () => controller.running,
    whenIdle: () => controller.whenIdle(),
    lastResult,
    panelOpen: () => panel.isOpen,
    panelVisible: () => panel.isVisible,
    nextPanelInit: () => new Promise<void>((resolve) => {
      const once = panel.onDidInit(() => {
        once.dispose();
        resolve();
      });
    }),
    closePanel: () => panel.close(),
    statusBarText: () => statusBar.text,
    statusBarRunButton: () => statusBar.runButton,
    simulateReloadOfStatusBar: async () => {
      statusBar.reset();
      await restoreLastRun();
    },
    statusBarHasWarningBackground: () => statusBar.hasWarningBackground,
    history: () => controller.historyEntries(),
    historySaved: () => controller.historySaved,
    setTestAnswers: (answers: TestAnswers) => {
      for (const key of Object.keys(testAnswers) as Array<keyof TestAnswers>) delete testAnswers[key];
      Object.assign(testAnswers, answers);
    },
  };
}

/** The port of the last target: the last result's, else the remembered target's. */
function lastPort(context: vscode.ExtensionContext, controller: RunController): number | undefined {
  const result = controller.lastResult()?.result;
  if (result) return result.target.port;
  const url = controller.lastRunOptions?.url ?? context.workspaceState.get<string>(LAST_TARGET_KEY);
  try {
    const parsed = url ? new URL(url) : undefined;
    return parsed ? Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) : undefined;
  } catch {
    return undefined;
  }
}

export function deactivate(): void {}
