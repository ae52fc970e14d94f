// After a window reload the last run comes back from history: the panel, "Export", the hints and the status bar.
import * as vscode from 'vscode';
import type { SettableHintSource } from './editorHints/index';
import type { RunController } from './runController';
import type { RunStatusBar } from './runStatusBar';

export async function restoreLastRun(controller: RunController, hintSource: SettableHintSource, statusBar: RunStatusBar): Promise<void> {
  const entries = await controller.historyEntries();
  const newest = entries[0] && (await controller.loadFromHistory(entries[0].runId));
  if (!newest) return;
  if (!controller.lastResult()) {
    controller.restoreLast({ runId: entries[0].runId, result: newest });
    hintSource.setLastResult(newest);
    await vscode.commands.executeCommand('setContext', 'loadTest.hasResult', true);
  }
  statusBar.showRestored(newest);
}
