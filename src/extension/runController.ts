// Owns the one load test that may run at a time: starts it (off this thread: the engine uses worker threads),
// stops it, remembers the last result, and tells the status bar, panel, notification, log and history by events.
import * as vscode from 'vscode';
import type { Finding, KernelSample } from '../shared/findings';
import { normalizeLoadOptions, type LoadOptions } from '../engine/loadOptions';
import type { RunProgress, RunResult, SeriesPoint } from '../shared/result';
import { finishedPanelRun, type HistoryEntry, type PanelRun } from '../shared/protocol';
import { runLoadTest } from '../loadTest/runLoadTest';
import { echoOptions } from '../engine/optionsEcho';
import { newRunId, type RunHistory } from './runHistory';

/** A reopened panel gets the whole live series from here; ten minutes at four points a second. */
const MAX_KEPT_POINTS = 2400;

export interface FinishedRun {
  runId: string;
  result: RunResult;
}

export interface ProgressEvent {
  runId: string;
  progress: RunProgress;
}

interface ActiveRun {
  runId: string;
  options: LoadOptions;
  panelRun: PanelRun;
  abort: AbortController;
  points: SeriesPoint[];
  done: Promise<FinishedRun>;
  /** True once the target answered and the load began (before that, errors are the caller's to show). */
  loading: boolean;
}

export class RunController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private last: FinishedRun | undefined;
  private lastOptions: LoadOptions | undefined;
  /** The latest history write; tests and export wait on it. */
  historySaved: Promise<void> = Promise.resolve();

  private readonly startEmitter = new vscode.EventEmitter<PanelRun>();
  private readonly progressEmitter = new vscode.EventEmitter<ProgressEvent>();
  private readonly kernelSampleEmitter = new vscode.EventEmitter<{ runId: string; sample: KernelSample }>();
  private readonly stopEmitter = new vscode.EventEmitter<{ runId: string }>();
  private readonly finishEmitter = new vscode.EventEmitter<FinishedRun>();
  private readonly historyEmitter = new vscode.EventEmitter<HistoryEntry[]>();
  /** The load began (target checked, kernel read); the options and pre-load findings are known. */
  readonly onDidStart = this.startEmitter.event;
  readonly onDidProgress = this.progressEmitter.event;
  readonly onDidSampleKernel = this.kernelSampleEmitter.event;
  /** A stop was asked for; the result follows once the load threads have reported (a second or two). */
  readonly onDidRequestStop = this.stopEmitter.event;
  readonly onDidFinish = this.finishEmitter.event;
  readonly onDidChangeHistory = this.historyEmitter.event;

  constructor(private readonly history: RunHistory) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /** The options of the last run started in this window (for "Run again"). */
  get lastRunOptions(): LoadOptions | undefined {
    return this.lastOptions;
  }

  lastResult(): FinishedRun | undefined {
    return this.last;
  }

  /** ExtensionMode.Test only (extensionApi.ts): a result on screen as if its run had just finished here. */
  adoptForTest(run: FinishedRun): void {
    this.last = run;
  }

  /** After a window reload: the newest run from history, without announcing a new result. */
  restoreLast(run: FinishedRun): void {
    this.last ??= run;
  }

  /** What a panel opened now should show: the running run with every live point so far, else the last result. */
  panelRun(): PanelRun | undefined {
    const active = this.active;
    if (active?.loading) {
      const progress = active.panelRun.progress ? { ...active.panelRun.progress, points: [...active.points] } : undefined;
      return { ...active.panelRun, progress, kernelSamples: [...active.panelRun.kernelSamples] };
    }
    return this.last && finishedPanelRun(this.last.runId, this.last.result);
  }

  /** Resolves when the run in progress (if any) has ended. */
  async whenIdle(): Promise<void> {
    await this.active?.done.catch(() => undefined);
  }

  stop(): void {
    const active = this.active;
    if (!active || active.abort.signal.aborted) return;
    active.abort.abort();
    this.stopEmitter.fire({ runId: active.runId });
  }

  /**
   * Runs a load test. Rejects with UsageError / TargetUnreachableError before any load; once the load began it
   * always resolves with what was measured (a stop keeps the result).
   */
  start(options: LoadOptions): Promise<FinishedRun> {
    if (this.active) return Promise.reject(new Error('A load test is already running.'));
    const echo = echoOptions(normalizeLoadOptions(options)); // throws UsageError for bad input before anything else
    const runId = newRunId();
    const abort = new AbortController();
    const panelRun: PanelRun = { runId, options: echo, preflight: [], status: 'running', kernelSamples: [] };
    const active: ActiveRun = { runId, options, panelRun, abort, points: [], loading: false, done: undefined as never };
    let preflight: Finding[] = [];
    active.done = runLoadTest(options, {
      signal: abort.signal,
      onPreflight: (findings) => {
        preflight = findings;
      },
      onLoadStart: () => {
        active.loading = true;
        panelRun.preflight = preflight;
        this.startEmitter.fire({ ...panelRun });
      },
      onProgress: (progress) => {
        panelRun.progress = progress;
        active.points.push(...progress.points);
        if (active.points.length > MAX_KEPT_POINTS) active.points.splice(0, active.points.length - MAX_KEPT_POINTS);
        this.progressEmitter.fire({ runId, progress });
      },
      onKernelSample: (sample) => {
        panelRun.kernelSamples.push(sample);
        this.kernelSampleEmitter.fire({ runId, sample });
      },
    }).then(
      (result) => {
        this.active = undefined;
        this.last = { runId, result };
        this.lastOptions = options;
        this.finishEmitter.fire(this.last);
        this.historySaved = this.history.add(runId, result).then(
          (entries) => this.historyEmitter.fire(entries),
          () => undefined, // history is a convenience; the result is already shown
        );
        return this.last;
      },
      (err: unknown) => {
        this.active = undefined;
        // Remembered even when the target check failed, so "Run again" retries after the server is started.
        this.lastOptions = options;
        throw err;
      },
    );
    this.active = active;
    return active.done;
  }

  /** Adds a result imported from k6 or Locust to history (for comparison); returns its run id. */
  async addImported(result: RunResult): Promise<string> {
    const runId = newRunId();
    const entries = await this.history.add(runId, result);
    this.historyEmitter.fire(entries);
    return runId;
  }

  /** Loads a past run's full result (compare, export). */
  loadFromHistory(runId: string): Promise<RunResult | undefined> {
    if (this.last?.runId === runId) return Promise.resolve(this.last.result);
    return this.history.load(runId);
  }

  /** Where the history's files are. */
  get historyDir(): vscode.Uri {
    return this.history.dir;
  }

  /** The newest run in the history whose file can be read. */
  latestFromHistory(): Promise<{ runId: string; result: RunResult } | undefined> {
    return this.history.latest();
  }

  /** Says when the history index was damaged and rebuilt from the run files. */
  set onHistoryRebuilt(listener: (runs: number) => void) {
    this.history.onRebuilt = listener;
  }

  historyEntries(): Promise<HistoryEntry[]> {
    return this.history.entries();
  }

  dispose(): void {
    this.stop();
    for (const emitter of [this.startEmitter, this.progressEmitter, this.kernelSampleEmitter, this.stopEmitter, this.finishEmitter, this.historyEmitter]) {
      emitter.dispose();
    }
  }
}
