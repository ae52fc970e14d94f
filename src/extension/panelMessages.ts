// What the results panel's buttons do on the host side.
import * as vscode from 'vscode';
import type { WebviewToHost } from '../shared/protocol';
import { openBacklogSource } from './backlogSource';
import type { RunController } from './runController';
import type { ResultsPanel } from './resultsPanel';
import { runInTerminal } from './terminalCommand';
import { COMMANDS } from './commandIds';

export async function handlePanelMessage(message: WebviewToHost, controller: RunController, panel: ResultsPanel): Promise<void> {
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
    case 'export':
      await vscode.commands.executeCommand(COMMANDS.export, message.format);
      return;
    case 'copyCliCommand':
      await vscode.commands.executeCommand(COMMANDS.copyCliCommand);
      return;
    case 'compareWith':
      await panel.setBaseline(message.runId);
      return;
  }
}
