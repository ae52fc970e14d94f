// The engine's entry point: check the target, split the load across worker threads, merge what they report,
// and always return a RunResult, whether the run completed, was cancelled, or hit trouble on the way.
import { isIP } from 'node:net';
import { createBundledWorker } from './bundledWorker';
import { normalizeLoadOptions, type LoadOptions, type NormalizedLoadOptions } from './loadOptions';
import { formatHostPort, resolveTarget, type ResolvedTarget } from './loopbackTarget';
import { runLoadShare, type LoadShare } from './loadShare';
import { httpClientFor } from './connection';
import { summarize, toDistribution } from './latencyHistogram';
import { ResultAggregator } from './resultAggregator';
import type { ErrorCause, ErrorPhase, RunProgress, RunResult, StopReason } from '../shared/result';
import { CONTROL_LIMIT, CONTROL_SLOTS, CONTROL_STOP, type ShareCommand, type ShareMessage, type ShareSetup } from './workerMessages';
import { TOOL_VERSION } from './toolVersion';
import { echoOptions } from './optionsEcho';
import { relabelTlsBehindHttp } from './tlsBehindHttp';

export interface LoadHooks {
  signal?: AbortSignal;
  onProgress?(progress: RunProgress): void;
  /** Called once the target was checked, right before the load starts (the diagnosis starts sampling here). */
  onTargetResolved?(target: ResolvedTarget, options: NormalizedLoadOptions): void | Promise<void>;
}

const TICK_MS = 250;
/** Past the deadline, how long the shares get to report before the caller gives up on them. */
const STOP_GRACE_MS = 5_000;

interface ShareHandle {
  command(command: ShareCommand): void;
  /** Resolves when the share has stopped and closed its connections (or its thread died). */
  exited: Promise<void>;
  terminate(): void;
}

function startShares(setups: ShareSetup[], onMessage: (message: ShareMessage) => void): ShareHandle[] {
  return setups.map((setup) => {
    if (setup.workerCount === 0) {
      let share: LoadShare | undefined;
      const exited = new Promise<void>((resolve) => {
        share = runLoadShare(setup, onMessage);
        void share.done.then(resolve);
      });
      queueMicrotask(() => onMessage({ type: 'ready', workerIndex: setup.workerIndex }));
      return {
        command: (c) => (c.type === 'start' ? share!.start(c.startAt, c.deadline) : share!.stop()),
        exited,
        terminate: () => share!.stop(),
      };
    }
    const worker = createBundledWorker(__filename, 'loadWorker', setup);
    worker.on('message', onMessage);
    const exited = new Promise<void>((resolve) => {
      worker.once('error', (err) => {
        onMessage({ type: 'crashed', workerIndex: setup.workerIndex, message: err.message });
      });
      worker.once('exit', () => resolve());
    });
    return {
      command: (c) => worker.postMessage(c),
      exited,
      terminate: () => void worker.terminate(),
    };
  });
}

/**
 * Fewer than two requests per connection on average, in a keep-alive run of more than one round: the server closed
 * the connections (HTTP/1.0-style servers do: python http.server, Flask's dev server, PHP -S), so the run measured
 * a new connection per request and must not be read as a keep-alive result.
 */
export function keepAliveNotInEffect(keepAlive: boolean, connections: number, opened: number, completed: number): string | undefined {
  if (!keepAlive || completed === 0 || opened <= connections || completed >= 2 * opened) return undefined;
  const perConnection = completed / opened;
  return (
    `Keep-alive was not in effect: the server closed its connections, so ${opened.toLocaleString('en-US')} connections were opened for ` +
    `${completed.toLocaleString('en-US')} responses (${perConnection.toFixed(1)} per connection). This run measured a new connection per request, as --no-keepalive would ` +
    '(HTTP/1.0-style servers such as python http.server, Flask\'s dev server and PHP -S close every connection).'
  );
}

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export async function generateLoad(input: LoadOptions, hooks: LoadHooks = {}): Promise<RunResult> {
  const options = normalizeLoadOptions(input);
  const target = await resolveTarget(options.url, { allowNonLoopback: options.allowNonLoopback });
  const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const controlView = new Int32Array(control);
  controlView[CONTROL_LIMIT] = options.requests ?? 0;

  const threadCount = Math.max(1, options.workers);
  const inThread = options.workers === 0;
  const connectionsPerShare = splitEvenly(options.connections, threadCount).filter((n) => n > 0);
  const shareCount = connectionsPerShare.length;
  const ratePerShare = options.rate ? options.rate / shareCount : undefined;
  const hostHeader = options.url.host;
  const httpClient = httpClientFor(options.url.protocol, options.http2, options.httpClient);
  const setups: ShareSetup[] = connectionsPerShare.map((connections, workerIndex) => ({
    workerIndex,
    workerCount: inThread ? 0 : shareCount,
    connections,
    origin: `${options.url.protocol}//${formatHostPort(target.connectAddress, target.port)}`,
    connectAddress: target.connectAddress,
    // TLS SNI takes a host name, never an IP address (RFC 6066).
    servername: isIP(target.host) ? undefined : target.host,
    path: `${options.url.pathname}${options.url.search}`,
    method: options.method,
    headers: { host: hostHeader, 'user-agent': `load-test-localhost/${TOOL_VERSION}`, ...options.headers },
    // A view, not a copy: a body file's shared memory reaches every load thread as that one copy.
    body: options.body ? new Uint8Array(options.body.buffer, options.body.byteOffset, options.body.byteLength) : undefined,
    keepAlive: options.keepAlive,
    httpClient,
    http2: options.http2,
    insecure: options.insecure,
    yieldCpu: options.yieldCpu,
    connectTimeoutMs: options.connectTimeoutMs,
    responseTimeoutMs: options.responseTimeoutMs,
    rate: ratePerShare,
    rateOffsetMs: ratePerShare ? (workerIndex * 1000) / ratePerShare / shareCount : undefined,
    tickMs: TICK_MS,
    control,
  }));

  const aggregator = new ResultAggregator(shareCount, TICK_MS);
  const finals = new Map<number, Extract<ShareMessage, { type: 'final' }>>();
  const warnings: string[] = [];
  let readyCount = 0;
  let resolveReady!: () => void;
  const allReady = new Promise<void>((resolve) => (resolveReady = resolve));
  let startAt = 0;

  const shares = startShares(setups, (message) => {
    switch (message.type) {
      case 'ready':
        if (++readyCount === shareCount) resolveReady();
        break;
      case 'interval':
        aggregator.addInterval(message);
        break;
      case 'final':
        finals.set(message.workerIndex, message);
        aggregator.shareFinished(message.workerIndex);
        break;
      case 'crashed':
        warnings.push(`Load worker ${message.workerIndex} stopped early: ${message.message}`);
        aggregator.shareFinished(message.workerIndex);
        if (++readyCount === shareCount) resolveReady();
        break;
    }
  });

  let stopReason: StopReason | undefined;
  const stopAll = (reason: StopReason) => {
    stopReason ??= reason;
    Atomics.store(controlView, CONTROL_STOP, 1);
    for (const share of shares) share.command({ type: 'stop' });
  };
  const onAbort = () => stopAll('cancelled');
  if (hooks.signal?.aborted) stopReason = 'cancelled';
  hooks.signal?.addEventListener('abort', onAbort, { once: true });

  await allReady;
  await hooks.onTargetResolved?.(target, options);
  const epochNow = () => performance.timeOrigin + performance.now();
  startAt = epochNow() + 5;
  const deadline = options.durationMs !== undefined ? startAt + options.durationMs : undefined;
  const startedAt = new Date(Date.now() + 5).toISOString();
  if (stopReason === 'cancelled') Atomics.store(controlView, CONTROL_STOP, 1);
  for (const share of shares) share.command({ type: 'start', startAt, deadline });

  const fractionAt = (now: number): number | undefined => {
    const byTime = deadline !== undefined ? (now - startAt) / (deadline - startAt) : 0;
    const byCount = options.requests ? aggregator.whole.started / options.requests : 0;
    return deadline === undefined && !options.requests ? undefined : Math.min(1, Math.max(byTime, byCount));
  };
  const progressTimer = setInterval(() => {
    const now = epochNow();
    hooks.onProgress?.(aggregator.progress(now - startAt, fractionAt(now)));
  }, options.progressIntervalMs);
  // A share that never reports back (a wedged thread) must not hold the run forever.
  const watchdog =
    deadline !== undefined
      ? setTimeout(() => {
          warnings.push('Some load workers did not stop in time and were terminated; their last interval may be missing.');
          for (const share of shares) share.terminate();
        }, deadline - epochNow() + STOP_GRACE_MS)
      : undefined;

  try {
    await Promise.all(shares.map((share) => share.exited));
  } finally {
    clearInterval(progressTimer);
    if (watchdog) clearTimeout(watchdog);
    hooks.signal?.removeEventListener('abort', onAbort);
  }
  // The load's own end: when the shares stopped, not after their sockets were torn down (10,000 sockets take ~1 s).
  const stoppedAt = [...finals.values()].map((f) => f.stoppedAt);
  const endedAt = stoppedAt.length === shareCount ? Math.max(...stoppedAt) : epochNow();
  aggregator.flush();
  const last = aggregator.progress(endedAt - startAt, fractionAt(endedAt));
  hooks.onProgress?.(last);

  if (!stopReason) {
    const budgetUsed = options.requests !== undefined && aggregator.whole.started >= options.requests;
    stopReason = budgetUsed ? 'request-count' : 'duration';
  }
  const result = buildResult();
  await relabelTlsBehindHttp(result, target.connectAddress, target.port);
  return result;

  function buildResult(): RunResult {
    const w = aggregator.whole;
    const durationMs = Math.max(1, endedAt - startAt);
    const requests = w.requestCounts();
    // Three counters and a gauge counted apart in the load threads: if they disagree, a request was lost or counted twice.
    if (requests.started !== requests.ok + requests.failed + requests.inFlight) {
      warnings.push(
        `The request counts do not add up: ${requests.started} started, ${requests.ok} ok, ${requests.failed} failed, ${requests.inFlight} in flight. Please report this.`,
      );
    }
    const connectingAtStopMs = [...finals.values()].flatMap((f) => f.connectingAtStopMs).sort((a, b) => b - a);
    const errorsDetail = [...w.errors.values()].sort((a, b) => b.count - a.count);
    if (w.lengthVariations > 0) {
      warnings.push(
        `${w.lengthVariations} successful responses had a body length different from the first one (ab reports these as "Length" failures; normal for dynamic pages).`,
      );
    }
    const keepAliveLost = keepAliveNotInEffect(options.keepAlive, options.connections, w.connectsOpened, w.completed);
    if (keepAliveLost) warnings.push(keepAliveLost);
    let rate: RunResult['rate'];
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
      startedAt,
      durationMs: Math.round(durationMs),
      stopReason: stopReason!,
      requests,
      connections: {
        opened: w.connectsOpened,
        failedConnects: w.connectsFailed,
        connectingAtStop: connectingAtStopMs.length,
        connectingAtStopMs: connectingAtStopMs.slice(0, 100),
        openAtStop: [...finals.values()].reduce((sum, f) => sum + f.openAtStop, 0),
        maxOpen: aggregator.maxOpen,
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
        byCause: w.errorsByCause() as Partial<Record<ErrorCause, number>>,
        byPhase: w.errorsByPhase() as Partial<Record<ErrorPhase, number>>,
        detail: errorsDetail,
      },
      rate,
      series: aggregator.series,
      findings: [],
      warnings,
    };
  }
}

