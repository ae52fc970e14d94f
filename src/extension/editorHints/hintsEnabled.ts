// The `loadTest.hints.enabled` setting, read live.
import * as vscode from 'vscode';

export const HINTS_ENABLED_SETTING = 'loadTest.hints.enabled';

export function hintsEnabled(): boolean {
  return vscode.workspace.getConfiguration('loadTest').get<boolean>('hints.enabled', true);
}

export function onDidChangeHintsEnabled(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(HINTS_ENABLED_SETTING)) listener();
  });
}
