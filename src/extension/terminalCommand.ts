// "Run in terminal" from a finding's fix: the exact command is shown in a modal first; only a yes runs it, in a
// terminal named "Load Test" where the user sees it and any sudo prompt.
import * as vscode from 'vscode';
import type { Prompts } from './prompts';

const TERMINAL_NAME = 'Load Test';

export async function runInTerminal(command: string, prompts: Prompts): Promise<boolean> {
  const text = command.trim();
  if (!text) return false;
  const confirmed = await prompts.confirmTerminalCommand(text);
  if (!confirmed) return false;
  const terminal = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TERMINAL_NAME });
  terminal.show();
  terminal.sendText(text, true);
  return true;
}
