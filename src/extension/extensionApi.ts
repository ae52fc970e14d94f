// What activate() returns in the extension-host tests, and only there (ExtensionMode.Test): a small handle the
// tests drive the extension through (the suites are separate bundles, so they cannot reach its module state). In
// production activate() returns nothing, so no other extension can skip a prompt or plant a result.
import * as vscode from 'vscode';
import type { LoadOptions } from '../engine/loadOptions';
import type { RunResult } from '../shared/result';
import type { HistoryEntry } from '../shared/protocol';
import { hintsTestHook, type Hints, type HintsTestHook, type SettableHintSource } from './editorHints/index';
import type { ResultsPanel } from './resultsPanel';
import type { RunController } from './runController';
import type { RunStatusBar } from './runStatusBar';
import { AnsweredPrompts, userPrompts, type Prompts, type TestAnswers } from './prompts';
import type { RunCommands } from './commands/runCommands';

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
  /** Answers for prompts (profile, "already running", terminal, non-loopback target); `{}` asks the user again. */
  setTestAnswers(answers: TestAnswers): void;
  /** Runs options through the command's own checks and prompts (settings, non-loopback confirmation). */
  executeAsCommand(options: LoadOptions): Promise<RunResult | undefined>;
  /** The folder of the run history (history.json and one file per run). */
  historyDir(): vscode.Uri;
  /** The host and load the last non-loopback confirmation named. */
  lastNonLoopbackQuestion(): { host: string; load: string } | undefined;
  /** The command the last "Run in terminal" confirmation showed. */
  lastTerminalQuestion(): string | undefined;
  /** Makes `result` the last run's result, as if it had just finished in this window. */
  adoptResult(result: RunResult, runId?: string): void;
  /** Delivers a message to the host as the results panel's page would post it (checked, then handled). */
  receiveFromPanel(message: unknown): Promise<void>;
  /** The run id the panel's page gets with `init` when it loads (again, after being hidden or a reload). */
  runIdShownOnReady(): Promise<string | undefined>;
}

export interface ApiParts {
  controller: RunController;
  panel: ResultsPanel;
  statusBar: RunStatusBar;
  hintSource: SettableHintSource;
  hints: Hints;
  /** What activation runs after a reload to bring the last run back. */
  restoreLastRun(): Promise<void>;
  prompts: Prompts;
  runCommands: RunCommands;
}

/** The test handle in ExtensionMode.Test with pre-answerable prompts; nothing otherwise. */
export function extensionExports(mode: vscode.ExtensionMode, parts: ApiParts): LoadTestApi | undefined {
  if (mode !== vscode.ExtensionMode.Test || !(parts.prompts instanceof AnsweredPrompts)) return undefined;
  return createExtensionApi(parts, parts.prompts);
}

function createExtensionApi({ controller, panel, statusBar, hintSource, hints, restoreLastRun, runCommands }: ApiParts, prompts: AnsweredPrompts): LoadTestApi {
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
      prompts.answers = { ...answers };
    },
    executeAsCommand: async (options) => (await runCommands.execute(options))?.result,
    lastNonLoopbackQuestion: () => prompts.lastNonLoopbackQuestion,
    lastTerminalQuestion: () => prompts.lastTerminalQuestion,
    adoptResult: (result, runId = `adopted-${Date.now()}`) => controller.adoptForTest({ runId, result }),
    receiveFromPanel: (message) => panel.receive(message),
    runIdShownOnReady: async () => (await panel.runForInit())?.runId,
    historyDir: () => controller.historyDir,
  };
}
