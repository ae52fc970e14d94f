// Two status bar items. The run button is always one click from a run: "▶ Load test" when idle (runs the last test
// again, or asks what to test), live numbers while running (click stops). Beside it, once a run finished, its
// one-line summary (click shows the results), highlighted when the run had problems; after a window reload, the
// summary of the last run in history.
import * as vscode from 'vscode';
import type { RunResult } from '../shared/result';
import type { RunController } from './runController';
import { finishedText, finishedTooltip, hasProblems, IDLE_TEXT, runningText } from './statusBarText';
import { COMMANDS } from './commandIds';

const IDLE_COMMAND = COMMANDS.runAgain;

export class RunStatusBar implements vscode.Disposable {
  private readonly runItem = vscode.window.createStatusBarItem('loadTest.run', vscode.StatusBarAlignment.Left, 10);
  private readonly summaryItem = vscode.window.createStatusBarItem('loadTest.lastRun', vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable[];
  private isRunning = false;
  /** At most a few repaints a second, whatever the engine's progress rate. */
  private lastPaint = 0;

  constructor(controller: RunController) {
    this.runItem.name = 'Load Test';
    this.summaryItem.name = 'Load Test: last run';
    this.idle();
    this.runItem.show();
    this.subscriptions = [
      controller.onDidStart(() => this.running()),
      controller.onDidProgress(({ progress }) => {
        if (Date.now() - this.lastPaint < 250 && progress.fraction !== 1) return;
        this.lastPaint = Date.now();
        this.runItem.text = runningText(progress);
      }),
      controller.onDidFinish(({ result }) => {
        this.idle();
        this.showSummary(result);
      }),
    ];
  }

  /** After a window reload: the last run from history, unless a run already started (or finished) meanwhile. */
  showRestored(result: RunResult): void {
    if (!this.isRunning && !this.summaryItem.text) this.showSummary(result);
  }

  /** Back to the state of a fresh window (tests: a reload without reloading). */
  reset(): void {
    this.idle();
    this.summaryItem.hide();
    this.summaryItem.text = '';
  }

  /** What the status bar says about the runs: the live numbers while running, else the last summary (tests). */
  get text(): string {
    return this.isRunning || !this.summaryItem.text ? this.runItem.text : this.summaryItem.text;
  }

  /** The run button's words and command (tests: one click runs again). */
  get runButton(): { text: string; command: string | undefined } {
    const command = this.runItem.command;
    return { text: this.runItem.text, command: typeof command === 'string' ? command : command?.command };
  }

  get hasWarningBackground(): boolean {
    return this.summaryItem.backgroundColor !== undefined;
  }

  private idle(): void {
    this.isRunning = false;
    this.runItem.text = IDLE_TEXT;
    this.runItem.tooltip = 'Load test the dev server of this workspace (runs the last test again, or asks what to test)';
    this.runItem.command = IDLE_COMMAND;
  }

  private showSummary(result: RunResult): void {
    this.summaryItem.text = finishedText(result);
    this.summaryItem.backgroundColor = hasProblems(result) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(finishedTooltip(result), true);
    tooltip.isTrusted = { enabledCommands: [COMMANDS.showResults, COMMANDS.runAgain, COMMANDS.export] };
    this.summaryItem.tooltip = tooltip;
    this.summaryItem.command = COMMANDS.showResults;
    this.summaryItem.show();
  }

  private running(): void {
    this.isRunning = true;
    this.runItem.text = runningText(undefined);
    this.runItem.tooltip = 'Load test running: click to stop (what was measured is kept)';
    this.runItem.command = COMMANDS.stop;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.runItem.dispose();
    this.summaryItem.dispose();
  }
}
