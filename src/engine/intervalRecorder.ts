// Per-share tallies for the current tick. Plain counters and histograms: nothing grows with run length.
import { createHistogram, createLogBuckets, encodeHistogram } from './latencyHistogram';
import { RequestCounters } from './requestCounters';
import { TickHistogram } from './tickHistogram';
import type { ErrorCause, ErrorCount, ErrorPhase } from '../shared/result';
import type { IntervalReport } from './workerMessages';

/** Statuses below this are counted in an array (a Map get and set per response cost ~30 ns). */
const STATUS_SLOTS = 1000;

export class IntervalRecorder extends RequestCounters {
  private readonly statusCounts = new Float64Array(STATUS_SLOTS);
  /** Statuses counted this tick, in the order first seen; any outside 0..999 go to otherStatuses. */
  private statusesSeen: number[] = [];
  private otherStatuses = new Map<number, number>();
  private errors = new Map<string, ErrorCount>();
  private readonly total = new TickHistogram();
  private readonly connect = new TickHistogram();
  private readonly firstByte = new TickHistogram();
  /** Where a tick's counts are gathered to be encoded, one histogram after the other. */
  private readonly encoding = createHistogram();

  recordResponse(status: number, totalUs: number, firstByteUs: number): void {
    this.completed++;
    if (status < 200 || status > 299) this.non2xx++;
    if (status >= 0 && status < STATUS_SLOTS) {
      if (this.statusCounts[status]++ === 0) this.statusesSeen.push(status);
    } else {
      this.otherStatuses.set(status, (this.otherStatuses.get(status) ?? 0) + 1);
    }
    this.total.record(totalUs);
    this.firstByte.record(firstByteUs);
  }

  recordConnect(connectUs: number): void {
    this.connectsOpened++;
    this.connect.record(connectUs);
  }

  recordFailure(cause: ErrorCause, phase: ErrorPhase, example: () => string): void {
    this.failed++;
    const key = `${cause}|${phase}`;
    const tally = this.errors.get(key);
    if (tally) tally.count++;
    else this.errors.set(key, { cause, phase, count: 1, example: example() });
  }

  /** The report for this tick; the recorder starts the next tick empty. */
  flush(workerIndex: number, tick: number, gauges: Pick<IntervalReport, 'openConnections' | 'connectingConnections' | 'inFlight'>): IntervalReport {
    const totalBuckets = createLogBuckets();
    const connectBuckets = createLogBuckets();
    const report: IntervalReport = {
      type: 'interval',
      workerIndex,
      tick,
      ...this.counterValues(),
      statusCodes: this.takeStatusCodes(),
      errors: [...this.errors.values()],
      total: this.encode(this.total, totalBuckets),
      connect: this.encode(this.connect, connectBuckets),
      firstByte: this.encode(this.firstByte),
      totalBuckets: Array.from(totalBuckets),
      connectBuckets: Array.from(connectBuckets),
      ...gauges,
    };
    this.resetCounters();
    this.errors = new Map();
    return report;
  }

  /** A tick histogram as HDR's compressed encoding ('' when empty), emptied for the next tick. */
  private encode(tick: TickHistogram, logBuckets?: Float64Array): string {
    if (tick.empty) return '';
    this.encoding.reset();
    tick.drainInto(this.encoding, logBuckets);
    return encodeHistogram(this.encoding);
  }

  private takeStatusCodes(): Record<number, number> {
    const codes: Record<number, number> = {};
    for (const status of this.statusesSeen) {
      codes[status] = this.statusCounts[status];
      this.statusCounts[status] = 0;
    }
    this.statusesSeen = [];
    for (const [status, count] of this.otherStatuses) codes[status] = count;
    this.otherStatuses = new Map();
    return codes;
  }
}
