// The caller's side of the engine: merges the shares' interval reports (histograms exactly) into live progress,
// a 1 s time series and, once the run is over, the LoadResult (result()). Memory grows only with the number of
// seconds, never with requests.
import { keepAliveNotInEffect } from './keepAliveWarning';
import {
  addEncoded,
  addLogBuckets,
  createHistogram,
  createLogBuckets,
  summarize,
  toDistribution,
  type Histogram,
} from './latencyHistogram';
import type { NormalizedLoadOptions } from './loadOptions';
import type { ResolvedTarget } from './loopbackTarget';
import { echoOptions } from './optionsEcho';
import { RequestCounters } from './requestCounters';
import { TOOL_VERSION } from './toolVersion';
import { formatCount } from '../shared/formatNumbers';
import type { ErrorCause, ErrorCount, ErrorPhase, LoadResult, RunProgress, SeriesPoint, StopReason } from '../shared/result';
import type { IntervalReport, ShareFinal } from './workerMessages';

/** What the run itself knows once it is over, beside what the shares reported. */
export interface RunFacts {
  options: NormalizedLoadOptions;
  target: ResolvedTarget;
  /** ISO time the load started. */
  startedAt: string;
  durationMs: number;
  stopReason: StopReason;
  stopMessage?: string;
  /** Each share's report at stop (a share that crashed has none). */
  finals: ShareFinal[];
  /** Notes gathered during the run (a crashed or wedged load thread); the result adds its own. */
  warnings: string[];
}

/** Counters and histograms of one stretch of time (a tick, a second, or the whole run). */
class Tally extends RequestCounters {
  open = 0;
  connecting = 0;
  /** Requests in flight, as the shares counted them over their connections (a gauge, never derived). */
  inFlight = 0;
  /** The last tick merged in (for seconds made of ticks). */
  lastTick = 0;
  readonly statusCodes = new Map<string, number>();
  readonly errors = new Map<string, ErrorCount>();
  readonly total: Histogram = createHistogram();
  readonly connect: Histogram = createHistogram();
  readonly firstByte: Histogram = createHistogram();
  readonly totalBuckets = createLogBuckets();
  readonly connectBuckets = createLogBuckets();

  add(report: IntervalReport): void {
    this.addCounters(report);
    for (const [code, count] of Object.entries(report.statusCodes)) {
      this.statusCodes.set(code, (this.statusCodes.get(code) ?? 0) + count);
    }
    for (const error of report.errors) {
      const key = `${error.cause}|${error.phase}`;
      const known = this.errors.get(key);
      if (known) known.count += error.count;
      else this.errors.set(key, { ...error });
    }
    if (report.total) addEncoded(this.total, report.total);
    if (report.connect) addEncoded(this.connect, report.connect);
    if (report.firstByte) addEncoded(this.firstByte, report.firstByte);
    addLogBuckets(this.totalBuckets, report.totalBuckets);
    addLogBuckets(this.connectBuckets, report.connectBuckets);
  }

  /** Every request accounted for: what was not answered or failed is still in flight. */
  requestCounts(): LoadResult['requests'] {
    return {
      started: this.started,
      ok: this.completed,
      failed: this.failed,
      inFlight: this.inFlight,
      non2xx: this.non2xx,
    };
  }

  errorsByCause(): Partial<Record<ErrorCause, number>> {
    const byCause: Partial<Record<ErrorCause, number>> = {};
    for (const e of this.errors.values()) byCause[e.cause] = (byCause[e.cause] ?? 0) + e.count;
    return byCause;
  }

  errorsByPhase(): Partial<Record<ErrorPhase, number>> {
    const byPhase: Partial<Record<ErrorPhase, number>> = {};
    for (const e of this.errors.values()) byPhase[e.phase] = (byPhase[e.phase] ?? 0) + e.count;
    return byPhase;
  }

  toPoint(tMs: number, intervalMs: number): SeriesPoint {
    const point: SeriesPoint = {
      tMs,
      intervalMs,
      completed: this.completed,
      failed: this.failed,
      errorsByCause: this.errorsByCause(),
      bytesRead: this.bytesRead,
      openConnections: this.open,
      connectingConnections: this.connecting,
    };
    if (this.total.totalCount > 0) {
      point.latencyP50 = this.total.getValueAtPercentile(50) / 1000;
      point.latencyP90 = this.total.getValueAtPercentile(90) / 1000;
      point.latencyP99 = this.total.getValueAtPercentile(99) / 1000;
    }
    if (this.connect.totalCount > 0) point.connectP99 = this.connect.getValueAtPercentile(99) / 1000;
    return point;
  }

  destroy(): void {
    this.total.destroy();
    this.connect.destroy();
    this.firstByte.destroy();
  }
}

export class ResultAggregator {
  readonly whole = new Tally();
  /** One point a second, for the result. */
  readonly series: SeriesPoint[] = [];
  private readonly pendingTicks = new Map<number, Tally>();
  private readonly lastTickOf: number[];
  private readonly finishedShares = new Set<number>();
  private nextTick = 0;
  private second: Tally | undefined;
  private secondIndex = 0;
  private finePoints: SeriesPoint[] = [];
  /** Completed per tick over the last second, for a live req/s. */
  private recentCompleted: number[] = [];
  /** Each share's latest in-flight gauge; their sum is the whole run's. */
  private readonly inFlightOf: number[];
  /** The most connections open at once in one tick, across shares (what an fd limit allowed, for example). */
  maxOpen = 0;

  constructor(private readonly shareCount: number, private readonly tickMs: number) {
    this.lastTickOf = new Array(shareCount).fill(-1);
    this.inFlightOf = new Array(shareCount).fill(0);
  }

  addInterval(report: IntervalReport): void {
    this.whole.add(report);
    this.whole.inFlight += report.inFlight - this.inFlightOf[report.workerIndex];
    this.inFlightOf[report.workerIndex] = report.inFlight;
    let tally = this.pendingTicks.get(report.tick);
    if (!tally) this.pendingTicks.set(report.tick, (tally = new Tally()));
    tally.add(report);
    // Gauges add up across shares; a share that skipped a tick keeps its last reading.
    tally.open += report.openConnections;
    tally.connecting += report.connectingConnections;
    this.lastTickOf[report.workerIndex] = report.tick;
    this.completeTicks();
  }

  shareFinished(workerIndex: number): void {
    this.finishedShares.add(workerIndex);
    this.completeTicks();
  }

  /** Ticks every live share has reported past become points. */
  private completeTicks(): void {
    let upTo = Infinity;
    for (let i = 0; i < this.shareCount; i++) {
      if (!this.finishedShares.has(i)) upTo = Math.min(upTo, this.lastTickOf[i]);
    }
    if (upTo === Infinity) upTo = Math.max(-1, ...this.pendingTicks.keys());
    while (this.nextTick <= upTo) this.closeTick(this.nextTick++);
  }

  private closeTick(tick: number): void {
    const tally = this.pendingTicks.get(tick) ?? new Tally();
    this.pendingTicks.delete(tick);
    this.maxOpen = Math.max(this.maxOpen, tally.open);
    this.finePoints.push(tally.toPoint((tick + 1) * this.tickMs, this.tickMs));
    this.recentCompleted.push(tally.completed);
    const perSecond = Math.max(1, Math.round(1000 / this.tickMs));
    if (this.recentCompleted.length > perSecond) this.recentCompleted.shift();

    const secondIndex = Math.floor((tick * this.tickMs) / 1000);
    if (this.second && secondIndex !== this.secondIndex) this.closeSecond();
    if (!this.second) {
      this.second = new Tally();
      this.secondIndex = secondIndex;
    }
    this.mergeTick(this.second, tally);
    this.second.open = tally.open;
    this.second.connecting = tally.connecting;
    this.second.lastTick = tick;
    tally.destroy();
  }

  private mergeTick(into: Tally, tick: Tally): void {
    into.completed += tick.completed;
    into.failed += tick.failed;
    into.bytesRead += tick.bytesRead;
    for (const [key, e] of tick.errors) {
      const known = into.errors.get(key);
      if (known) known.count += e.count;
      else into.errors.set(key, { ...e });
    }
    into.total.add(tick.total);
    into.connect.add(tick.connect);
  }

  private closeSecond(): void {
    const second = this.second!;
    const endMs = (second.lastTick + 1) * this.tickMs;
    const startMs = this.secondIndex * 1000;
    this.series.push(second.toPoint(endMs, endMs - startMs));
    second.destroy();
    this.second = undefined;
  }

  /** Closes every tick still open (the run is over). */
  flush(): void {
    for (const tick of [...this.pendingTicks.keys()].sort((a, b) => a - b)) {
      if (tick >= this.nextTick) {
        while (this.nextTick <= tick) this.closeTick(this.nextTick++);
      }
    }
    if (this.second) this.closeSecond();
  }

  progress(elapsedMs: number, fraction: number | undefined): RunProgress {
    const w = this.whole;
    const points = this.finePoints;
    this.finePoints = [];
    const last = points.at(-1);
    const windowMs = this.recentCompleted.length * this.tickMs;
    return {
      elapsedMs,
      fraction,
      requests: w.requestCounts(),
      connections: { open: last?.openConnections ?? 0, connecting: last?.connectingConnections ?? 0 },
      requestsPerSec: windowMs > 0 ? (this.recentCompleted.reduce((a, b) => a + b, 0) * 1000) / windowMs : 0,
      latency: { total: summarize(w.total), connect: summarize(w.connect) },
      statusCodes: Object.fromEntries(w.statusCodes),
      errorsByCause: w.errorsByCause(),
      points,
      distributions: { total: toDistribution(w.totalBuckets), connect: toDistribution(w.connectBuckets) },
    };
  }

  /** The result of the whole run; call once, after flush(). */
  result(run: RunFacts): LoadResult {
    const w = this.whole;
    const { options, target, durationMs } = run;
    const warnings = [...run.warnings];
    const requests = w.requestCounts();
    // Three counters and a gauge counted apart in the load threads: if they disagree, a request was lost or counted twice.
    if (requests.started !== requests.ok + requests.failed + requests.inFlight) {
      warnings.push(
        `The request counts do not add up: ${requests.started} started, ${requests.ok} ok, ${requests.failed} failed, ${requests.inFlight} in flight. Please report this.`,
      );
    }
    const connectingAtStopMs = run.finals.flatMap((f) => f.connectingAtStopMs).sort((a, b) => b - a);
    if (w.lengthVariations > 0) {
      warnings.push(
        `${w.lengthVariations} successful responses had a body length different from the first one (ab reports these as "Length" failures; normal for dynamic pages).`,
      );
    }
    const mostlyErrors = mostlyErrorStatuses(w.statusCodes, w.completed);
    if (mostlyErrors) warnings.push(mostlyErrors);
    const keepAliveLost = keepAliveNotInEffect(options.keepAlive, options.connections, w.connectsOpened, w.completed);
    if (keepAliveLost) warnings.push(keepAliveLost);
    let rate: LoadResult['rate'];
    if (options.rate) {
      const due = Math.min(options.requests ?? Infinity, Math.floor((options.rate * durationMs) / 1000));
      const achieved = (w.started * 1000) / durationMs;
      const held = w.started >= due * 0.97 && w.lateRequests <= Math.max(1, w.started * 0.05);
      rate = { target: options.rate, achieved, held, maxLagMs: Math.round(w.maxLagMs), lateRequests: w.lateRequests };
      if (!held) {
        warnings.push(
          `The rate of ${options.rate} req/s could not be held: ${achieved.toFixed(1)} req/s were sent and ${w.lateRequests} requests went out late (worst ${Math.round(w.maxLagMs)} ms). ` +
            'Latency counts from the intended send time, so it includes that wait. More connections (-c) may help, or the server is saturated.',
        );
      }
    }
    return {
      schemaVersion: 1,
      tool: { name: 'load-test-localhost', version: TOOL_VERSION },
      options: echoOptions(options),
      target: {
        url: options.url.href,
        host: target.host,
        port: target.port,
        addresses: target.addresses,
        connectAddress: target.connectAddress,
        unreachable: target.unreachable,
      },
      startedAt: run.startedAt,
      durationMs: Math.round(durationMs),
      stopReason: run.stopReason,
      stopMessage: run.stopMessage,
      requests,
      connections: {
        opened: w.connectsOpened,
        failedConnects: w.connectsFailed,
        connectingAtStop: connectingAtStopMs.length,
        connectingAtStopMs: connectingAtStopMs.slice(0, 100),
        openAtStop: run.finals.reduce((sum, f) => sum + f.openAtStop, 0),
        maxOpen: this.maxOpen,
      },
      throughput: {
        requestsPerSec: (w.completed * 1000) / durationMs,
        bytesRead: w.bytesRead,
        bytesWritten: w.bytesWritten,
        bodyBytesRead: w.bodyBytesRead,
        bytesReadPerSec: (w.bytesRead * 1000) / durationMs,
      },
      latency: { total: summarize(w.total), connect: summarize(w.connect), firstByte: summarize(w.firstByte) },
      distributions: { total: toDistribution(w.totalBuckets), connect: toDistribution(w.connectBuckets) },
      statusCodes: Object.fromEntries([...w.statusCodes].sort(([a], [b]) => a.localeCompare(b))),
      errors: {
        total: w.failed,
        byCause: w.errorsByCause(),
        byPhase: w.errorsByPhase(),
        detail: [...w.errors.values()].sort((a, b) => b.count - a.count),
      },
      rate,
      series: this.series,
      warnings,
    };
  }
}

/**
 * Most responses were 4xx or 5xx: the server answered, so they count as ok (a whole response), not as failed, as
 * ab and wrk count them. A wrong path is the usual cause, and a run of 404s must not read as a clean run.
 */
export function mostlyErrorStatuses(statusCodes: Map<string, number>, completed: number): string | undefined {
  const errorCodes = [...statusCodes].filter(([status]) => Number(status) >= 400).sort((a, b) => b[1] - a[1]);
  const count = errorCodes.reduce((sum, [, n]) => sum + n, 0);
  if (completed === 0 || count * 2 < completed) return undefined;
  const which = errorCodes.slice(0, 3).map(([status, n]) => `${status} ×${formatCount(n)}`).join(', ');
  return (
    `${formatCount(count)} of ${formatCount(completed)} responses were errors from the server (${which}). ` +
    'They count as responses, not as failed requests; check the URL. --fail-on "non2xx<1%" fails a run on them.'
  );
}
