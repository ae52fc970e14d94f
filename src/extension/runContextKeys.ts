// `loadTest.running` and `loadTest.hasResult`, for the `when` clauses of commands and menus.
import * as vscode from 'vscode';
import type { RunController } from './runController';

export function trackRunContextKeys(controller: RunController): vscode.Disposable {
  const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
  const refresh = () => {
    set('loadTest.running', controller.running);
    set('loadTest.hasResult', controller.lastResult() !== undefined);
  };
  refresh();
  return vscode.Disposable.from(controller.onDidStart(refresh), controller.onDidFinish(refresh), controller.onDidChangeHistory(refresh));
}
