// The questions of the run flow (pickers, input boxes, offers), each logged when shown and when answered or
// dismissed. Pickers and input boxes ignore focus changes: a command given from the palette while a webview had
// focus gets focus handed back to that webview ~100 ms later, which would close a plain quick pick at once and end
// the flow without a word (issue 16). Only Escape (or another picker taking the place) dismisses them.
import * as vscode from 'vscode';

export interface StepCounter {
  step: number;
  totalSteps: number;
}

export interface PickOptions extends Partial<StepCounter> {
  title: string;
  placeholder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export interface InputOptions extends Partial<StepCounter> {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  /** The one sentence shown under the field, or undefined when the text is acceptable. */
  validate?: (text: string) => string | undefined;
}

/** "connections", "stop after"...: what the log calls a question. */
function labelOf(item: vscode.QuickPickItem): string {
  return item.label.replace(/^\$\([\w~-]+\)\s*/, '');
}

/** A quick pick that stays open when focus moves; undefined only when the user dismissed it. */
export function pick<T extends vscode.QuickPickItem>(log: vscode.LogOutputChannel, items: T[], options: PickOptions): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.items = items;
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.step = options.step;
  quickPick.totalSteps = options.totalSteps;
  quickPick.matchOnDescription = options.matchOnDescription ?? false;
  quickPick.matchOnDetail = options.matchOnDetail ?? false;
  quickPick.ignoreFocusOut = true;
  log.info(`Asked: ${options.title}${options.placeholder ? ` (${options.placeholder})` : ''}`);
  return new Promise<T | undefined>((resolve) => {
    let answer: T | undefined;
    const subscriptions = [
      quickPick.onDidAccept(() => {
        answer = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
        if (answer) quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        log.info(answer ? `Answered "${options.title}": ${labelOf(answer)}` : `Dismissed: ${options.title}`);
        subscriptions.forEach((s) => s.dispose());
        quickPick.dispose();
        resolve(answer);
      }),
    ];
    quickPick.show();
  });
}

/** An input box that stays open when focus moves; undefined only when the user dismissed it. */
export function inputText(log: vscode.LogOutputChannel, options: InputOptions): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.value = options.value ?? '';
  box.placeholder = options.placeholder;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.ignoreFocusOut = true;
  const check = () => {
    box.validationMessage = options.validate?.(box.value);
  };
  // An empty box starts with its prompt, not with an error; Enter on it still shows why it is refused.
  if (box.value !== '') check();
  log.info(`Asked: ${options.title}`);
  return new Promise<string | undefined>((resolve) => {
    let answer: string | undefined;
    const subscriptions = [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        check();
        if (box.validationMessage) return;
        answer = box.value;
        box.hide();
      }),
      box.onDidHide(() => {
        log.info(answer !== undefined ? `Answered "${options.title}": ${answer === '' ? '(empty)' : answer}` : `Dismissed: ${options.title}`);
        subscriptions.forEach((s) => s.dispose());
        box.dispose();
        resolve(answer);
      }),
    ];
    box.show();
  });
}

/** A notification with buttons (these do not close on focus changes); logs the question and the choice. */
export async function offer<T extends string>(
  log: vscode.LogOutputChannel,
  kind: 'info' | 'warning',
  message: string,
  ...choices: T[]
): Promise<T | undefined> {
  log.info(`Offered: ${message} [${choices.join(' | ')}]`);
  const show = kind === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await show<T>(message, ...choices);
  log.info(choice ? `Chose: ${choice}` : `Closed without a choice: ${message}`);
  return choice;
}

/** A modal question; logs it and the choice. */
export async function askModal<T extends string>(
  log: vscode.LogOutputChannel,
  message: string,
  detail: string | undefined,
  ...choices: T[]
): Promise<T | undefined> {
  log.info(`Asked (dialog): ${message} [${choices.join(' | ')}]`);
  const choice = await vscode.window.showWarningMessage<T>(message, { modal: true, detail }, ...choices);
  log.info(choice ? `Chose: ${choice}` : `Cancelled: ${message}`);
  return choice;
}
