// The host <-> webview message protocol, defined once and imported by both sides.
// The webview posts `ready` first; the host posts nothing before it.
import type { KernelSample, Finding } from './diagnosis/types';
import type { RunProgress, RunResult, RunOptionsEcho, StopReason } from './engine/result';

/** A run as the panel knows it: live while running, complete once finished. */
export interface PanelRun {
  runId: string;
  options: RunOptionsEcho;
  /** Findings known before the load (e.g. concurrency above the listen backlog). */
  preflight: Finding[];
  status: 'running' | 'finished';
  progress?: RunProgress;
  kernelSamples: KernelSample[];
  result?: RunResult;
}

/** A past run, small enough to list; the full result is sent when one is picked for comparison. */
export interface HistoryEntry {
  runId: string;
  startedAt: string;
  url: string;
  label: string;
  requestsPerSec: number;
  latencyP99: number;
  failed: number;
  findings: number;
  /** Absent in entries written before it was kept: such runs show unmarked. */
  stopReason?: StopReason;
}

export type HostToWebview =
  | { type: 'init'; run?: PanelRun; history: HistoryEntry[]; baseline?: RunResult; baselineRunId?: string }
  | { type: 'runStarted'; run: PanelRun }
  | { type: 'progress'; runId: string; progress: RunProgress; kernelSamples: KernelSample[] }
  /** The stop was asked for (from the panel, the status bar or the palette); the result follows in a moment. */
  | { type: 'runStopping'; runId: string }
  | { type: 'runFinished'; runId: string; result: RunResult }
  /** An earlier run from the history, opened to look at (replaces the finished run shown). */
  | { type: 'showRun'; run: PanelRun }
  | { type: 'history'; history: HistoryEntry[] }
  | { type: 'baseline'; baseline?: RunResult; baselineRunId?: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'stop' }
  | { type: 'runAgain' }
  | { type: 'copyText'; text: string }
  | { type: 'runInTerminal'; command: string }
  | { type: 'openBacklogSource'; findingId: string }
  /** Without a format the host asks for one; without a run id it exports the last run. */
  | { type: 'export'; format?: ExportFormat; runId?: string }
  | { type: 'openRun'; runId: string }
  | { type: 'compareWith'; runId?: string };

/** What a run can be exported as. */
export type ExportFormat = 'json' | 'csv' | 'html';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'html'];

export type HostMessageType = HostToWebview['type'];
export type WebviewMessageType = WebviewToHost['type'];
