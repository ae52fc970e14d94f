// What the results panel's buttons do on the host side.
import * as vscode from 'vscode';
import { portOfUrl } from '../engine/loopbackTarget';
import type { Finding } from '../shared/findings';
import type { WebviewToHost } from '../shared/protocol';
import { openBacklogSource } from './backlogSource';
import { exportAndOffer, type ExportPlace } from './exportResults';
import type { RunController } from './runController';
import type { ResultsPanel } from './resultsPanel';
import { runInTerminal } from './terminalCommand';
import type { Prompts } from './prompts';
import { COMMANDS } from './commandIds';

export interface PanelMessageContext {
  controller: RunController;
  panel: ResultsPanel;
  exportPlace: ExportPlace;
  log: vscode.LogOutputChannel;
  prompts: Prompts;
}

export async function handlePanelMessage(message: WebviewToHost, { controller, panel, exportPlace, log, prompts }: PanelMessageContext): Promise<void> {
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
    case 'runInTerminal': {
      // Only a command of the shown run's own findings runs, and only after the user saw it.
      const shown = await findingsOnScreen(controller, message.runId);
      const finding = shown?.findings.find((f) => f.id === message.findingId);
      const command = Number.isInteger(message.fixIndex) ? finding?.fixes[message.fixIndex]?.command : undefined;
      if (command) await runInTerminal(command, prompts);
      return;
    }
    case 'openBacklogSource': {
      const shown = await findingsOnScreen(controller, message.runId);
      await openBacklogSource(shown?.findings.find((f) => f.id === message.findingId), shown?.port);
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

/**
 * The findings of the run the panel shows: the live run's (its pre-run findings until it ends), the last result,
 * or an earlier run opened from the history. Undefined for a run no longer kept.
 */
async function findingsOnScreen(controller: RunController, runId: string | undefined): Promise<{ findings: Finding[]; port?: number } | undefined> {
  const current = controller.panelRun();
  if (current && (runId === undefined || current.runId === runId)) {
    return { findings: current.result?.findings ?? current.preflight, port: current.result?.target.port ?? portOfUrl(current.options.url) };
  }
  if (runId === undefined) return undefined;
  const result = await controller.loadFromHistory(runId);
  return result && { findings: result.findings, port: result.target.port };
}
