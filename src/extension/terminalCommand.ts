// "Run in terminal" from a finding's fix: the exact command is shown in a modal first; only a yes runs it, in a
// terminal named "Load Test" where the user sees it and any sudo prompt.
import * as vscode from 'vscode';
import { adaptSudo, currentPrivilege } from '../system/privilege';
import type { Prompts } from './prompts';

const TERMINAL_NAME = 'Load Test';

export async function runInTerminal(command: string, prompts: Prompts): Promise<boolean> {
  if (!command.trim()) return false;
  // The terminal runs as the extension host's user: root gets no sudo; a user without sudo is told what to do.
  const adapted = adaptSudo(command.trim(), currentPrivilege());
  if ('needsRoot' in adapted) {
    const choice = await vscode.window.showWarningMessage(
      'This command needs root, and sudo is not installed here. Run it in a root shell (e.g. su -c "…"), or ask an administrator.',
      { modal: true, detail: adapted.needsRoot },
      'Copy Command',
    );
    if (choice === 'Copy Command') await vscode.env.clipboard.writeText(adapted.needsRoot);
    return false;
  }
  const text = adapted.command;
  const confirmed = await prompts.confirmTerminalCommand(text);
  if (!confirmed) return false;
  const terminal = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TERMINAL_NAME });
  terminal.show();
  terminal.sendText(text, true);
  return true;
}
