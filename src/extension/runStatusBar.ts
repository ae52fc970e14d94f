// The status bar button: "Load test" when idle (runs the last test), live numbers while running (click stops),
// then a one-line summary (click shows the results), highlighted when the run had problems; after a window reload,
// the summary of the last run in history.
import * as vscode from 'vscode';
import type { RunResult } from '../shared/result';
import type { RunController } from './runController';
import { finishedText, finishedTooltip, hasProblems, IDLE_TEXT, runningText } from './statusBarText';
import { COMMANDS } from './commandIds';

const IDLE_COMMAND = COMMANDS.runAgain;

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('loadTest.run', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  /** At most a few repaints a second, whatever the engine's progress rate. */
  private lastPaint = 0;

  constructor(controller: RunController) {
    this.item.name = 'Load Test';
    this.idle();
    this.item.show();
    this.subscriptions = [
      controller.onDidStart(() => this.running()),
      controller.onDidProgress(({ progress }) => {
        if (Date.now() - this.lastPaint < 250 && progress.fraction !== 1) return;
        this.lastPaint = Date.now();
        this.item.text = runningText(progress);
      }),
      controller.onDidFinish(({ result }) => this.finished(result)),
    ];
  }

  /** After a window reload: the last run from history, unless a run already started (or finished) meanwhile. */
  showRestored(result: RunResult): void {
    if (this.item.command === IDLE_COMMAND) this.finished(result);
  }

  /** Back to the state of a fresh window (tests: a reload without reloading). */
  reset(): void {
    this.idle();
  }

  /** What the button says now (tests compare it). */
  get text(): string {
    return this.item.text;
  }

  get hasWarningBackground(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  private idle(): void {
    this.item.text = IDLE_TEXT;
    this.item.tooltip = 'Load test the dev server of this workspace (runs the last test again, or asks what to test)';
    this.item.command = IDLE_COMMAND;
    this.item.backgroundColor = undefined;
  }

  private finished(result: RunResult): void {
    this.item.text = finishedText(result);
    this.item.backgroundColor = hasProblems(result) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(finishedTooltip(result), true);
    tooltip.isTrusted = { enabledCommands: [COMMANDS.showResults, COMMANDS.runAgain, COMMANDS.export] };
    this.item.tooltip = tooltip;
    this.item.command = COMMANDS.showResults;
  }

  private running(): void {
    this.item.text = runningText(undefined);
    this.item.tooltip = 'Load test running: click to stop (what was measured is kept)';
    this.item.command = COMMANDS.stop;
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
