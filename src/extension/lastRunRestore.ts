// After a window reload the last run comes back from history: the panel, "Export", the hints and the status bar.
import * as vscode from 'vscode';
import type { SettableHintSource } from './editorHints/index';
import type { RunController } from './runController';
import type { RunStatusBar } from './runStatusBar';

export async function restoreLastRun(controller: RunController, hintSource: SettableHintSource, statusBar: RunStatusBar): Promise<void> {
  // An imported k6 or Locust result is there to compare with; the last run is the newest one made here.
  const entry = (await controller.historyEntries()).find((e) => !e.imported);
  const newest = entry && (await controller.loadFromHistory(entry.runId));
  if (!entry || !newest) return;
  if (!controller.lastResult()) {
    controller.restoreLast({ runId: entry.runId, result: newest });
    hintSource.setLastResult(newest);
    await vscode.commands.executeCommand('setContext', 'loadTest.hasResult', true);
  }
  statusBar.showRestored(newest);
}
