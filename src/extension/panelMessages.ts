// What the results panel's buttons do on the host side.
import * as vscode from 'vscode';
import type { WebviewToHost } from '../shared/protocol';
import { openBacklogSource } from './backlogSource';
import { exportAndOffer, type ExportPlace } from './exportResults';
import type { RunController } from './runController';
import type { ResultsPanel } from './resultsPanel';
import { runInTerminal } from './terminalCommand';
import { COMMANDS } from './commandIds';

export interface PanelMessageContext {
  controller: RunController;
  panel: ResultsPanel;
  exportPlace: ExportPlace;
  log: vscode.LogOutputChannel;
}

export async function handlePanelMessage(message: WebviewToHost, { controller, panel, exportPlace, log }: PanelMessageContext): Promise<void> {
  switch (message.type) {
    case 'ready':
      return; // answered by the panel itself
    case 'stop':
      controller.stop();
      return;
    case 'runAgain':
      await vscode.commands.executeCommand(COMMANDS.runAgain);
      return;
    case 'copyText':
      await vscode.env.clipboard.writeText(message.text);
      vscode.window.setStatusBarMessage('$(copy) Copied', 2000);
      return;
    case 'runInTerminal':
      await runInTerminal(message.command);
      return;
    case 'openBacklogSource': {
      const result = controller.lastResult()?.result;
      await openBacklogSource(result?.findings.find((f) => f.id === message.findingId), result?.target.port);
      return;
    }
    case 'export': {
      // The run on screen: the last one, or an earlier one opened from the history.
      const result = message.runId ? await controller.loadFromHistory(message.runId) : controller.lastResult()?.result;
      if (!result) {
        void vscode.window.showWarningMessage('That run is no longer in the history (only the newest runs are kept).');
        return;
      }
      await exportAndOffer(result, exportPlace, log, message.format);
      return;
    }
    case 'openRun':
      if (!(await panel.showRun(message.runId)) && !controller.running) {
        void vscode.window.showWarningMessage('That run is no longer in the history (only the newest runs are kept).');
      }
      return;
    case 'copyCliCommand':
      // The command takes the run id of the run on screen (an earlier one opened from the history, say).
      await vscode.commands.executeCommand(COMMANDS.copyCliCommand, message.runId);
      return;
    case 'compareWith':
      await panel.setBaseline(message.runId);
      return;
  }
}
