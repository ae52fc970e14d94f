// A run refused before any load (bad input, nothing listening, not loopback): one sentence and a way forward.
import * as vscode from 'vscode';
import { UsageError } from '../engine/loadOptions';
import { TargetUnreachableError } from '../engine/loopbackTarget';

export function isRefusal(err: unknown): err is UsageError | TargetUnreachableError {
  return err instanceof UsageError || err instanceof TargetUnreachableError;
}

export async function showRunError(err: unknown, pickAnotherTarget: () => unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  if (!isRefusal(err)) {
    void vscode.window.showErrorMessage(`Load test failed: ${message}`);
    return;
  }
  const choice = await vscode.window.showErrorMessage(message, 'Pick Another Target', 'Open Settings');
  if (choice === 'Pick Another Target') await pickAnotherTarget();
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'loadTest.');
}
