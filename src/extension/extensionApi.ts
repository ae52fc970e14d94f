// What activate() returns: a small handle the extension-host tests drive the extension through (the suites are
// separate bundles, so they cannot reach the extension's module state directly).
import type { LoadOptions } from '../engine/loadOptions';
import type { RunResult } from '../shared/result';
import type { HistoryEntry } from '../shared/protocol';
import { hintsTestHook, type Hints, type HintsTestHook, type SettableHintSource } from './editorHints/index';
import type { ResultsPanel } from './resultsPanel';
import type { RunController } from './runController';
import type { RunStatusBar } from './runStatusBar';
import { testAnswers, type TestAnswers } from './testAnswers';

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

export interface ApiParts {
  controller: RunController;
  panel: ResultsPanel;
  statusBar: RunStatusBar;
  hintSource: SettableHintSource;
  hints: Hints;
  /** What activation runs after a reload to bring the last run back. */
  restoreLastRun(): Promise<void>;
}

export function createExtensionApi({ controller, panel, statusBar, hintSource, hints, restoreLastRun }: ApiParts): LoadTestApi {
  return {
    ...hintsTestHook(hintSource, hints),
    runLoadTest: async (options) => (await controller.start(options)).result,
    stop: () => controller.stop(),
    isRunning: () => controller.running,
    whenIdle: () => controller.whenIdle(),
    lastResult: () => controller.lastResult()?.result,
    panelOpen: () => panel.isOpen,
    panelVisible: () => panel.isVisible,
    nextPanelInit: () =>
      new Promise<void>((resolve) => {
        const once = panel.onDidInit(() => {
          once.dispose();
          resolve();
        });
      }),
    closePanel: () => panel.close(),
    statusBarText: () => statusBar.text,
    statusBarRunButton: () => statusBar.runButton,
    simulateReloadOfStatusBar: async () => {
      statusBar.reset();
      await restoreLastRun();
    },
    statusBarHasWarningBackground: () => statusBar.hasWarningBackground,
    history: () => controller.historyEntries(),
    historySaved: () => controller.historySaved,
    setTestAnswers: (answers: TestAnswers) => {
      for (const key of Object.keys(testAnswers) as Array<keyof TestAnswers>) delete testAnswers[key];
      Object.assign(testAnswers, answers);
    },
  };
}
