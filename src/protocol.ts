// The host <-> webview message protocol, defined once and imported by both sides.
// The webview posts `ready` first; the host posts nothing before it.
import type { KernelSample, Finding } from './diagnosis/types';
import type { RunProgress, RunResult, RunOptionsEcho } from './engine/result';

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
}

export type HostToWebview =
  | { type: 'init'; run?: PanelRun; history: HistoryEntry[]; baseline?: RunResult }
  | { type: 'runStarted'; run: PanelRun }
  | { type: 'progress'; runId: string; progress: RunProgress; kernelSamples: KernelSample[] }
  | { type: 'runFinished'; runId: string; result: RunResult }
  | { type: 'history'; history: HistoryEntry[] }
  | { type: 'baseline'; baseline?: RunResult };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'stop' }
  | { type: 'runAgain' }
  | { type: 'copyText'; text: string }
  | { type: 'runInTerminal'; command: string }
  | { type: 'openBacklogSource'; findingId: string }
  | { type: 'export'; format: 'json' | 'csv' | 'html' }
  | { type: 'compareWith'; runId?: string };

export type HostMessageType = HostToWebview['type'];
export type WebviewMessageType = WebviewToHost['type'];
