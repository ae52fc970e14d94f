// The engine's entry point: check the target, split the load across worker threads, merge what they report,
// and always return a LoadResult, whether the run completed, was cancelled, or a load thread crashed on the way.
import { isIP } from 'node:net';
import { Worker } from 'node:worker_threads';
import { httpClientFor, normalizeLoadOptions, type LoadOptions, type NormalizedLoadOptions } from './loadOptions';
import { formatHostPort, resolveTarget, type ResolvedTarget } from './loopbackTarget';
import type { LoadShare } from './loadShare';
import { loadWorkerFile } from './loadWorkerFile';
import { ResultAggregator } from './resultAggregator';
import type { LoadResult, RunProgress, StopReason } from '../shared/result';
import { CONTROL_LIMIT, CONTROL_SLOTS, CONTROL_STOP, type ShareCommand, type ShareMessage, type ShareSetup } from './workerMessages';
import { TOOL_VERSION } from './toolVersion';
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
      // The load thread's script, loaded here: the HTTP clients stay out of the caller's bundle.
      const { runLoadShare } = require(loadWorkerFile()) as typeof import('./loadWorker');
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
    const worker = new Worker(loadWorkerFile(), { workerData: setup });
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

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export async function generateLoad(input: LoadOptions, hooks: LoadHooks = {}): Promise<LoadResult> {
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
  if (options.targetNote) warnings.push(options.targetNote);
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
        // A run missing a thread's share of the load would mislead: stop it, keep what was measured, say why.
        stopMessage ??= `Load thread ${message.workerIndex} crashed: ${message.message}`;
        aggregator.shareFinished(message.workerIndex);
        if (++readyCount === shareCount) resolveReady();
        if (loadStarted) stopAll('error');
        else stopReason ??= 'error';
        break;
    }
  });

  let stopReason: StopReason | undefined;
  let stopMessage: string | undefined;
  let loadStarted = false;
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
  if (stopReason) Atomics.store(controlView, CONTROL_STOP, 1);
  for (const share of shares) share.command({ type: 'start', startAt, deadline });
  loadStarted = true;

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
  const result = aggregator.result({
    options,
    target,
    startedAt,
    durationMs: Math.max(1, endedAt - startAt),
    stopReason,
    stopMessage,
    finals: [...finals.values()],
    warnings,
  });
  await relabelTlsBehindHttp(result, target.connectAddress, target.port);
  return result;
}
