// Wires the extension together: run controller, status bar, notification, log, results panel (and its restore
// after a reload), history, the command groups (src/extension/commands/, ids in commandIds.ts) and the editor hints
// fed by the last result. Each piece lives in its own module; this file only connects them.
import * as vscode from 'vscode';
import { registerResultCommands } from './commands/resultCommands';
import { registerRunCommands, RunCommands } from './commands/runCommands';
import { registerScaleOutCommands } from './commands/scaleOutCommands';
import { registerHints, SettableHintSource } from './editorHints/index';
import { extensionExports, type LoadTestApi } from './extensionApi';
import type { ExportPlace } from './exportResults';
import { AnsweredPrompts, userPrompts } from './prompts';
import { KERNEL_SETTINGS_SCHEME, KernelSettingsProvider } from './kernelSettingsDocument';
import { restoreLastRun } from './lastRunRestore';
import { handlePanelMessage } from './panelMessages';
import { RESULTS_VIEW_TYPE, ResultsPanel } from './resultsPanel';
import { showRunProgressNotifications } from './runProgressNotification';
import { trackRunContextKeys } from './runContextKeys';
import { RunController } from './runController';
import { RunHistory } from './runHistory';
import { createRunLog } from './runLog';
import { historySize } from './runSettings';
import { RunStatusBar } from './runStatusBar';

export function activate(context: vscode.ExtensionContext): LoadTestApi | undefined {
  // Pre-answerable prompts exist only for the extension-host tests; other extensions never get a way past a prompt.
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  // Per workspace when a folder is open; a window without one shares the global history.
  const storage = context.storageUri ?? context.globalStorageUri;
  const controller = new RunController(new RunHistory(vscode.Uri.joinPath(storage, 'runs'), historySize()));
  const { log, disposable: logDisposable } = createRunLog(controller);
  const prompts = testing ? new AnsweredPrompts(userPrompts(log)) : userPrompts(log);
  const statusBar = new RunStatusBar(controller);
  const panel = new ResultsPanel(context.extensionUri, controller, context.workspaceState, log);
  // Exports are offered where the user saved the last one, remembered across workspaces.
  const exportPlace: ExportPlace = { extensionUri: context.extensionUri, memory: context.globalState };
  panel.setMessageHandler((message) => handlePanelMessage(message, { controller, panel, exportPlace, log, prompts }));
  const runCommands = new RunCommands(context, controller, log, prompts);
  const kernelSettings = new KernelSettingsProvider();
  const hintSource = new SettableHintSource();
  const hints = registerHints(context, hintSource);

  controller.onHistoryRebuilt = (runs) => log.warn(`The run history's index was damaged or missing; it was rebuilt from ${runs} run file(s).`);
  const restore = () => restoreLastRun(controller, hintSource, statusBar);
  const restored = restore().catch((err: unknown) => log.warn(`Could not read the run history: ${(err as Error).message}`));

  context.subscriptions.push(
    controller,
    logDisposable,
    statusBar,
    panel,
    hintSource,
    showRunProgressNotifications(controller, panel),
    trackRunContextKeys(controller),
    controller.onDidFinish(({ result }) => hintSource.takeFinishedRun(result)),
    vscode.workspace.registerTextDocumentContentProvider(KERNEL_SETTINGS_SCHEME, kernelSettings),
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel) {
        await restored;
        panel.restore(webviewPanel);
      },
    }),
    ...registerRunCommands(runCommands, controller),
    ...registerResultCommands({ context, controller, panel, runCommands, kernelSettings, log, exportPlace }),
    ...registerScaleOutCommands({ context, controller, panel, log, exportPlace }),
  );

  return extensionExports(context.extensionMode, { controller, panel, statusBar, hintSource, hints, restoreLastRun: restore, prompts, runCommands });
}

export function deactivate(): void {}
