// The figures of the summary cards, from a finished result or from the latest progress of a live run.
import type { LatencySummary, RunProgress, RunResult, SeriesPoint } from '../../src/shared/result';
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
  return figures(result.requests, result.latency.total, {
    starved: result.connections.connectingAtStop,
    requestsPerSec: result.throughput.requestsPerSec,
    connectP99: result.latency.connect.p99,
    bytesPerSec: result.throughput.bytesReadPerSec,
  });
}

export function figuresFromProgress(progress: RunProgress, livePoints: SeriesPoint[]): SummaryFigures {
  return figures(progress.requests, progress.latency.total, {
    starved: progress.connections.connecting,
    requestsPerSec: progress.requestsPerSec,
    connectP99: progress.latency.connect.p99,
    bytesPerSec: recentBytesPerSecond(livePoints),
  });
}

/** What a result and a progress report hold in the same shape; `rest` is what each holds differently. */
function figures(
  requests: RunResult['requests'],
  total: LatencySummary,
  rest: Pick<SummaryFigures, 'starved' | 'requestsPerSec' | 'connectP99' | 'bytesPerSec'>,
): SummaryFigures {
  return {
    ok: requests.ok,
    failed: requests.failed,
    inFlight: requests.inFlight,
    non2xx: requests.non2xx,
    p50: total.p50,
    p90: total.p90,
    p99: total.p99,
    max: total.max,
    ...rest,
  };
}
