// The plain counters of one stretch of time. The same record on both sides of the worker boundary: a share counts
// into it per tick (IntervalRecorder), the caller adds the ticks into seconds and the whole run (ResultAggregator).

/** Counters that add up across ticks and shares. */
export const SUMMED_COUNTERS = [
  'started',
  'completed',
  'failed',
  'non2xx',
  'bytesRead',
  'bytesWritten',
  'bodyBytesRead',
  'connectsOpened',
  'connectsFailed',
  'lengthVariations',
  'lateRequests',
] as const;

export type CounterValues = { [K in (typeof SUMMED_COUNTERS)[number]]: number } & {
  /** Open model: the worst lag behind the intended send time (ms); kept as a maximum, not summed. */
  maxLagMs: number;
};

export class RequestCounters implements CounterValues {
  started = 0;
  completed = 0;
  failed = 0;
  non2xx = 0;
  bytesRead = 0;
  bytesWritten = 0;
  /** Bytes of complete response bodies (bytesRead is everything that crossed the socket). */
  bodyBytesRead = 0;
  connectsOpened = 0;
  connectsFailed = 0;
  lengthVariations = 0;
  lateRequests = 0;
  maxLagMs = 0;

  addCounters(other: CounterValues): void {
    for (const name of SUMMED_COUNTERS) this[name] += other[name];
    this.maxLagMs = Math.max(this.maxLagMs, other.maxLagMs);
  }

  counterValues(): CounterValues {
    const values = { maxLagMs: this.maxLagMs } as CounterValues;
    for (const name of SUMMED_COUNTERS) values[name] = this[name];
    return values;
  }

  resetCounters(): void {
    for (const name of SUMMED_COUNTERS) this[name] = 0;
    this.maxLagMs = 0;
  }
}
