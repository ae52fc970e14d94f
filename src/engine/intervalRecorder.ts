// Per-share tallies for the current tick. Plain counters and histograms: nothing grows with run length.
import { createHistogram, createLogBuckets, encodeHistogram, logBucketIndex, recordMicros, type Histogram } from './latencyHistogram';
import { RequestCounters } from './requestCounters';
import type { ErrorCause, ErrorCount, ErrorPhase } from '../shared/result';
import type { IntervalReport } from './workerMessages';

export class IntervalRecorder extends RequestCounters {
  private statusCodes = new Map<number, number>();
  private errors = new Map<string, ErrorCount>();
  private readonly total: Histogram = createHistogram();
  private readonly connect: Histogram = createHistogram();
  private readonly firstByte: Histogram = createHistogram();
  private readonly totalBuckets = createLogBuckets();
  private readonly connectBuckets = createLogBuckets();

  recordResponse(status: number, totalUs: number, firstByteUs: number): void {
    this.completed++;
    if (status < 200 || status > 299) this.non2xx++;
    this.statusCodes.set(status, (this.statusCodes.get(status) ?? 0) + 1);
    recordMicros(this.total, totalUs);
    recordMicros(this.firstByte, firstByteUs);
    this.totalBuckets[logBucketIndex(totalUs)]++;
  }

  recordConnect(connectUs: number): void {
    this.connectsOpened++;
    recordMicros(this.connect, connectUs);
    this.connectBuckets[logBucketIndex(connectUs)]++;
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
    const report: IntervalReport = {
      type: 'interval',
      workerIndex,
      tick,
      ...this.counterValues(),
      statusCodes: Object.fromEntries(this.statusCodes),
      errors: [...this.errors.values()],
      total: this.total.totalCount > 0 ? encodeHistogram(this.total) : '',
      connect: this.connect.totalCount > 0 ? encodeHistogram(this.connect) : '',
      firstByte: this.firstByte.totalCount > 0 ? encodeHistogram(this.firstByte) : '',
      totalBuckets: Array.from(this.totalBuckets),
      connectBuckets: Array.from(this.connectBuckets),
      ...gauges,
    };
    this.resetCounters();
    this.statusCodes = new Map();
    this.errors = new Map();
    this.total.reset();
    this.connect.reset();
    this.firstByte.reset();
    this.totalBuckets.fill(0);
    this.connectBuckets.fill(0);
    return report;
  }
}
