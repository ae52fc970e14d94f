// The host <-> webview message protocol, defined once and imported by both sides.
// The webview posts `ready` first; the host posts nothing before it.
import type { KernelSample, Finding } from './findings';
import type { RunProgress, RunResult, RunOptionsEcho, StopReason } from './result';

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
  /** Imported from a k6 or Locust file: compared, never restored as the last run. */
  imported?: boolean;
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
  /**
   * A fix's command, named by its finding and its place among the finding's fixes: the host looks the command up in
   * the current result, so nothing the page sends is ever run as text.
   */
  | { type: 'runInTerminal'; findingId: string; fixIndex: number; runId?: string }
  /** The run on screen (`runId`: the live one, the last, or an earlier one opened from the history). */
  | { type: 'openBacklogSource'; findingId: string; runId?: string }
  /** Without a format the host asks for one; without a run id it exports the last run. */
  | { type: 'export'; format?: ExportFormat; runId?: string }
  | { type: 'openRun'; runId: string }
  /** The `load-test-localhost` command line of the shown run (the last one without a run id), to the clipboard. */
  | { type: 'copyCliCommand'; runId?: string }
  | { type: 'compareWith'; runId?: string };

/** What a run can be exported as: results (JSON, CSV, HTML report) or the same test for k6 and Locust. */
export type ExportFormat = 'json' | 'csv' | 'html' | 'k6' | 'locust';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'html', 'k6', 'locust'];

// Every host message type as a typed constant: a type added to the union but missing here does not compile, so no
// message is dropped silently by the page's check. (The page's own types are the keys of WEBVIEW_FIELDS below.)
const HOST_TYPES: Record<HostToWebview['type'], true> = {
  init: true,
  runStarted: true,
  progress: true,
  runStopping: true,
  runFinished: true,
  showRun: true,
  history: true,
  baseline: true,
};
/** A message from anywhere in the page names a host message type (its fields are checked by the receiver). */
export function isHostMessageType(type: unknown): type is HostToWebview['type'] {
  return typeof type === 'string' && Object.hasOwn(HOST_TYPES, type);
}

type Fields = Record<string, unknown>;
const isString = (v: unknown): v is string => typeof v === 'string';
const optionalString = (v: unknown) => v === undefined || isString(v);

/**
 * The fields each page message must carry, one check per type: a type added to WebviewToHost without its check
 * does not compile, so the host can never drop a message it asked for (as "Run in terminal" once was: its check
 * still wanted the command text the protocol no longer sends).
 */
const WEBVIEW_FIELDS: { [T in WebviewToHost['type']]: (m: Fields) => boolean } = {
  ready: () => true,
  stop: () => true,
  runAgain: () => true,
  copyText: (m) => isString(m.text),
  runInTerminal: (m) => isString(m.findingId) && Number.isInteger(m.fixIndex) && (m.fixIndex as number) >= 0 && optionalString(m.runId),
  openBacklogSource: (m) => isString(m.findingId) && optionalString(m.runId),
  export: (m) => (m.format === undefined || EXPORT_FORMATS.includes(m.format as ExportFormat)) && optionalString(m.runId),
  openRun: (m) => isString(m.runId),
  copyCliCommand: (m) => optionalString(m.runId),
  compareWith: (m) => optionalString(m.runId),
};

/** The webview is a page: the host checks the shape of what it sends before acting on it. */
export function isWebviewMessage(data: unknown): data is WebviewToHost {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Fields;
  return typeof m.type === 'string' && Object.hasOwn(WEBVIEW_FIELDS, m.type) && WEBVIEW_FIELDS[m.type as WebviewToHost['type']](m);
}

/** A finished run as the panel shows it: no pre-run findings and no live samples apart from the result's own. */
export function finishedPanelRun(runId: string, result: RunResult): PanelRun {
  return { runId, options: result.options, preflight: [], status: 'finished', kernelSamples: [], result };
}
