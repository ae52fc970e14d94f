// The commands about results: "Show results", "Export results..." and "Show kernel TCP settings".
import * as vscode from 'vscode';
import { portOfUrl } from '../../engine/loopbackTarget';
import { COMMANDS } from '../commandIds';
import { exportAndOffer, type ExportFormat, type ExportPlace } from '../exportResults';
import type { KernelSettingsProvider } from '../kernelSettingsDocument';
import type { ResultsPanel } from '../resultsPanel';
import type { RunController } from '../runController';
import { LAST_TARGET_KEY } from '../targetPicker';
import type { RunCommands } from './runCommands';

export interface ResultCommandDeps {
  context: vscode.ExtensionContext;
  controller: RunController;
  panel: ResultsPanel;
  runCommands: RunCommands;
  kernelSettings: KernelSettingsProvider;
  log: vscode.LogOutputChannel;
  exportPlace: ExportPlace;
}

export function registerResultCommands({ context, controller, panel, runCommands, kernelSettings, log, exportPlace }: ResultCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showResults, () => {
      if (!controller.running && !controller.lastResult()) {
        void vscode.window.showInformationMessage('No load test has run in this workspace yet.', 'Load Test Localhost').then((choice) => {
          if (choice) void runCommands.run();
        });
        return;
      }
      panel.show(false);
    }),
    vscode.commands.registerCommand(COMMANDS.showKernelSettings, () => kernelSettings.show(lastPort(context, controller))),
    vscode.commands.registerCommand(COMMANDS.export, async (format?: ExportFormat, target?: vscode.Uri) => {
      const result = controller.lastResult()?.result;
      if (!result) {
        void vscode.window.showInformationMessage('There is no load test result to export yet.');
        return undefined;
      }
      return exportAndOffer(result, exportPlace, log, format, target);
    }),
  ];
}

/** The port of the last target: the last result's, else the remembered target's. */
function lastPort(context: vscode.ExtensionContext, controller: RunController): number | undefined {
  const result = controller.lastResult()?.result;
  if (result) return result.target.port;
  const url = controller.lastRunOptions?.url ?? context.workspaceState.get<string>(LAST_TARGET_KEY);
  return url ? portOfUrl(url) : undefined;
}
