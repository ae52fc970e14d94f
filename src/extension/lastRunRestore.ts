// After a window reload the last run comes back from history: the panel, "Export", the hints and the status bar.
import * as vscode from 'vscode';
import type { SettableHintSource } from './editorHints/index';
import type { RunController } from './runController';
import type { RunStatusBar } from './runStatusBar';

export async function restoreLastRun(controller: RunController, hintSource: SettableHintSource, statusBar: RunStatusBar): Promise<void> {
  // The newest run made here (an imported k6 or Locust result is there to compare with) whose file can still be
  // read: a damaged newest file does not hide the ones before it.
  const latest = await controller.latestFromHistory();
  if (!latest) return;
  const newest = latest.result;
  if (!controller.lastResult()) {
    controller.restoreLast(latest);
    hintSource.setLastResult(newest);
    await vscode.commands.executeCommand('setContext', 'loadTest.hasResult', true);
  }
  statusBar.showRestored(newest);
}
