// Where a live run stands, beyond "running": a run that used up its request count waits for the requests still in
// flight (up to their timeouts), a stopped one gathers its results, and a finished load is read by the diagnosis.
// The header says which, so the end of a run never looks frozen at 0 req/s.
import type { PanelModel } from './panelModel';

/** Load threads check timeouts every 250 ms (TICK_MS in the engine): a timed-out request is failed within one tick. */
const TIMEOUT_CHECK_MS = 250;

export type LivePhase =
  | { kind: 'running' }
  /** Stop was asked for; the result is being put together. */
  | { kind: 'stopping' }
  /** Every request was started; these are still in flight, and the run ends by `atMostMs` from now at the latest. */
  | { kind: 'waiting'; requests: number; atMostMs: number }
  /** The load is over; the kernel's counters are read and the findings made. */
  | { kind: 'finishing' };

/** Undefined when no run is going. */
export function livePhase(model: PanelModel): LivePhase | undefined {
  const run = model.run;
  if (!run || run.status !== 'running') return undefined;
  if (model.stopping) return { kind: 'stopping' };
  const progress = run.progress;
  if (!progress) return { kind: 'running' };
  const { durationMs, connectTimeoutMs, responseTimeoutMs } = run.options;
  const elapsed = progress.elapsedMs;
  if (durationMs !== undefined && elapsed >= durationMs) return { kind: 'finishing' };
  if (model.lastRequestStartedMs === undefined) return { kind: 'running' };
  const inFlight = progress.requests.inFlight;
  if (inFlight === 0) return { kind: 'finishing' };
  // A request in flight is failed at the latest when its connect or its response times out, counted from its start;
  // none started after the budget ran out.
  let endsAt = model.lastRequestStartedMs + Math.max(connectTimeoutMs, responseTimeoutMs) + TIMEOUT_CHECK_MS;
  if (durationMs !== undefined) endsAt = Math.min(endsAt, durationMs);
  return { kind: 'waiting', requests: inFlight, atMostMs: Math.max(0, endsAt - elapsed) };
}
