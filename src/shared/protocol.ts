// The host <-> webview message protocol, defined once and imported by both sides.
// The webview posts `ready` first; the host posts nothing before it.
import type { KernelSample, Finding } from './findings';
import type { RunProgress, RunResult, RunOptionsEcho } from './result';

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
  /** Imported from a k6 or Locust file: compared, never restored as the last run. */
  imported?: boolean;
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
  | { type: 'export'; format: 'json' | 'csv' | 'html' | 'k6' | 'locust' }
  /** The `load-test-localhost` command line of the shown run, to the clipboard (built by the host). */
  | { type: 'copyCliCommand' }
  | { type: 'compareWith'; runId?: string };

// Every message type as a typed constant: a type added to a union but missing here does not compile, so no
// message is dropped silently by the receiver's check.
const HOST_TYPES: Record<HostToWebview['type'], true> = { init: true, runStarted: true, progress: true, runFinished: true, history: true, baseline: true };
const WEBVIEW_TYPES: Record<WebviewToHost['type'], true> = {
  ready: true,
  stop: true,
  runAgain: true,
  copyText: true,
  runInTerminal: true,
  openBacklogSource: true,
  export: true,
  copyCliCommand: true,
  compareWith: true,
};

/** A message from anywhere in the page names a host message type (its fields are checked by the receiver). */
export function isHostMessageType(type: unknown): type is HostToWebview['type'] {
  return typeof type === 'string' && Object.hasOwn(HOST_TYPES, type);
}

export function isWebviewMessageType(type: unknown): type is WebviewToHost['type'] {
  return typeof type === 'string' && Object.hasOwn(WEBVIEW_TYPES, type);
}
