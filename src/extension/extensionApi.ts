// What activate() returns: a small handle the extension-host tests drive the extension through (the suites are
// separate bundles, so they cannot reach the extension's module state directly).
import type { LoadOptions } from '../engine/loadOptions';
import type { RunResult } from '../engine/result';
import type { HistoryEntry } from '../protocol';
import type { HintsTestHook } from './hints';
import type { TestAnswers } from './testAnswers';

export interface LoadTestApi extends HintsTestHook {
  /** Runs a load test without any prompt. Rejects with the one-sentence refusal before any load. */
  runLoadTest(options: LoadOptions): Promise<RunResult>;
  stop(): void;
  isRunning(): boolean;
  /** Resolves when no run is in progress. */
  whenIdle(): Promise<void>;
  lastResult(): RunResult | undefined;
  panelOpen(): boolean;
  panelVisible(): boolean;
  /** Resolves the next time the panel's webview loaded and received `init`. */
  nextPanelInit(): Promise<void>;
  closePanel(): void;
  statusBarText(): string;
  /** The status bar's run button: its words and the command one click gives. */
  statusBarRunButton(): { text: string; command: string | undefined };
  statusBarHasWarningBackground(): boolean;
  /** Puts the status bar back to a fresh window's, then runs what activation runs after a reload. */
  simulateReloadOfStatusBar(): Promise<void>;
  history(): Promise<HistoryEntry[]>;
  /** Resolves when the last finished run is in the history on disk. */
  historySaved(): Promise<void>;
  /** Answers for prompts (profile, "already running", terminal confirmation); `{}` asks the user again. */
  setTestAnswers(answers: TestAnswers): void;
}
