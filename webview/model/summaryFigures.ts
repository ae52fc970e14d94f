// The figures of the summary cards, from a finished result or from the latest progress of a live run.
import type { RunProgress, RunResult, SeriesPoint } from '../../src/engine/result';
import { recentBytesPerSecond } from './derivedSeries';

export interface SummaryFigures {
  ok: number;
  failed: number;
  inFlight: number;
  /** Connections still in the TCP handshake: at stop for a result, right now for a live run. */
  starved: number;
  requestsPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  connectP99: number;
  bytesPerSec: number;
  non2xx: number;
}

export function figuresFromResult(result: RunResult): SummaryFigures {
  const total = result.latency.total;
  return {
    ok: result.requests.ok,
    failed: result.requests.failed,
    inFlight: result.requests.inFlight,
    starved: result.connections.connectingAtStop,
    requestsPerSec: result.throughput.requestsPerSec,
    p50: total.p50,
    p90: total.p90,
    p99: total.p99,
    max: total.max,
    connectP99: result.latency.connect.p99,
    bytesPerSec: result.throughput.bytesReadPerSec,
    non2xx: result.requests.non2xx,
  };
}

export function figuresFromProgress(progress: RunProgress, livePoints: SeriesPoint[]): SummaryFigures {
  const total = progress.latency.total;
  return {
    ok: progress.requests.ok,
    failed: progress.requests.failed,
    inFlight: progress.requests.inFlight,
    starved: progress.connections.connecting,
    requestsPerSec: progress.requestsPerSec,
    p50: total.p50,
    p90: total.p90,
    p99: total.p99,
    max: total.max,
    connectP99: progress.latency.connect.p99,
    bytesPerSec: recentBytesPerSecond(livePoints),
    non2xx: progress.requests.non2xx,
  };
}
