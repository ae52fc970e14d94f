// What the panel knows, and how each host message changes it. Plain data: it is also what setState keeps, so a
// reloaded or re-shown panel redraws at once from it.
import type { HistoryEntry, HostToWebview, PanelRun } from '../../src/shared/protocol';
import type { RunProgress, RunResult, SeriesPoint } from '../../src/shared/result';
import type { KernelSample } from '../../src/shared/findings';
import { appendKernelSamples, appendPoints } from './seriesCompaction';

export interface PanelModel {
  /** Bumped when the saved shape changes, so an old saved state is dropped rather than misread. */
  version: 1;
  run?: PanelRun;
  /** Fine points from progress messages (the host sends only the new ones each time), bounded. */
  livePoints: SeriesPoint[];
  history: HistoryEntry[];
  baseline?: RunResult;
  /** The history entry picked in "Compare with"; the baseline result itself carries no run id. */
  comparedRunId?: string;
  /** Stop was asked for and the result has not come yet: the header says "Stopping…" at once. */
  stopping?: boolean;
  /** When the run's last request was started (elapsed ms): from then on it only waits for those in flight. */
  lastRequestStartedMs?: number;
}

/** Below this many 1 s points, a finished run keeps its finer live points (about four a second) for the time charts. */
const FINE_POINTS_BELOW = 10;

export function emptyModel(): PanelModel {
  return { version: 1, livePoints: [], history: [] };
}

/** A saved state from getState, if it is one this code wrote. */
export function restoreModel(saved: unknown): PanelModel | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  const candidate = saved as Partial<PanelModel>;
  if (candidate.version !== 1 || !Array.isArray(candidate.livePoints) || !Array.isArray(candidate.history)) return undefined;
  return candidate as PanelModel;
}

/** Applies one host message in place. Returns false when the message was for another run and changed nothing. */
export function applyHostMessage(model: PanelModel, message: HostToWebview): boolean {
  switch (message.type) {
    case 'init': {
      const previous = model.run;
      model.history = message.history;
      setBaseline(model, message.baseline, message.baselineRunId);
      if (!message.run) {
        model.run = undefined;
        model.livePoints = [];
        forgetRunState(model);
        return true;
      }
      // Opened mid-run, or reloaded: the host's run carries only its latest progress, so keep the points this panel
      // already saved for the same run and add the new ones.
      const sameRun = previous?.runId === message.run.runId;
      model.livePoints = sameRun ? model.livePoints : [];
      if (!sameRun || message.run.status !== 'running') forgetRunState(model);
      model.run = { ...message.run, kernelSamples: appendKernelSamples(sameRun ? previous.kernelSamples : [], message.run.kernelSamples) };
      if (message.run.progress) {
        model.livePoints = appendPoints(model.livePoints, message.run.progress.points);
        noteLastRequest(model, message.run.progress);
      }
      return true;
    }
    case 'runStarted':
    case 'showRun':
      model.run = { ...message.run, kernelSamples: appendKernelSamples([], message.run.kernelSamples) };
      model.livePoints = message.run.progress ? appendPoints([], message.run.progress.points) : [];
      forgetRunState(model);
      return true;
    case 'progress': {
      const run = model.run;
      if (!run || run.runId !== message.runId || run.status !== 'running') return false;
      run.progress = message.progress;
      model.livePoints = appendPoints(model.livePoints, message.progress.points);
      run.kernelSamples = appendKernelSamples(run.kernelSamples, message.kernelSamples);
      noteLastRequest(model, message.progress);
      return true;
    }
    case 'runStopping': {
      const run = model.run;
      if (!run || run.runId !== message.runId || run.status !== 'running') return false;
      model.stopping = true;
      return true;
    }
    case 'runFinished': {
      const run = model.run;
      if (!run || run.runId !== message.runId) return false;
      forgetRunState(model);
      run.status = 'finished';
      run.result = message.result;
      // The result has its own 1 s series and samples; the live copies are no longer needed, unless the run was
      // so short that its 1 s series is only a few points.
      if (message.result.series.length >= FINE_POINTS_BELOW) model.livePoints = [];
      run.kernelSamples = [];
      return true;
    }
    case 'history':
      model.history = message.history;
      return true;
    case 'baseline':
      setBaseline(model, message.baseline, message.baselineRunId);
      return true;
  }
}

function setBaseline(model: PanelModel, baseline: RunResult | undefined, runId: string | undefined): void {
  model.baseline = baseline;
  // The host names the run when it knows it (it keeps the pick across reloads); else the panel's own pick stays.
  model.comparedRunId = baseline ? (runId ?? model.comparedRunId) : undefined;
}

function forgetRunState(model: PanelModel): void {
  model.stopping = undefined;
  model.lastRequestStartedMs = undefined;
}

/** The first progress with the request budget used up: no request starts after it. */
function noteLastRequest(model: PanelModel, progress: RunProgress): void {
  const budget = model.run?.options.requests;
  if (model.lastRequestStartedMs === undefined && budget !== undefined && progress.requests.started >= budget) {
    model.lastRequestStartedMs = progress.elapsedMs;
  }
}

/** The series the time charts show: the live points while running; once finished, the finer of the two. */
export function chartSeries(model: PanelModel): SeriesPoint[] {
  const series = model.run?.result?.series;
  if (!series) return model.livePoints;
  return model.livePoints.length > series.length ? model.livePoints : series;
}

export function chartKernelSamples(model: PanelModel): KernelSample[] {
  const run = model.run;
  if (!run) return [];
  return run.result?.kernel?.samples ?? run.kernelSamples;
}

/** The run to compare the one on screen with: none when the one on screen is the baseline itself. */
export function comparisonBaseline(model: Pick<PanelModel, 'run' | 'baseline' | 'comparedRunId'>): RunResult | undefined {
  if (model.comparedRunId !== undefined && model.comparedRunId === model.run?.runId) return undefined;
  return model.baseline;
}
