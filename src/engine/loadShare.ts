// One thread's share of the load: its connections, the request budget, the clock, and a report every tick.
// The same code runs in a worker thread (normal) or in the caller's thread (workers: 0).
import { connectionFactory, type ConnectionContext, type LoadConnection } from './connection';
import { IntervalRecorder } from './intervalRecorder';
import { CONTROL_ISSUED, CONTROL_LIMIT, CONTROL_STOP, type ShareMessage, type ShareSetup } from './workerMessages';

/**
 * The clock is read twice per keep-alive request: at its start, and at the read that brings its response.
 * `performance` is a lazy global getter in a worker, and its timeOrigin getter crosses into C++: both are read once
 * here.
 */
const clock = performance;
const timeOrigin = clock.timeOrigin;
const epochNow = (): number => timeOrigin + clock.now();
/** The most starved connections listed by name in a result. */
const MAX_LISTED_STARVED = 100;
const LATE_AFTER_MS = 5;

export interface LoadShare {
  /** Starts the load at `startAt` (epoch ms), stopping by itself at `deadline` if given. */
  start(startAt: number, deadline: number | undefined): void;
  stop(): void;
  /** Resolves once every connection of the share is closed. */
  done: Promise<void>;
}

export function runLoadShare(setup: ShareSetup, post: (message: ShareMessage) => void): LoadShare {
  const control = new Int32Array(setup.control);
  const recorder = new IntervalRecorder();
  let startAt = 0;
  let deadline: number | undefined;
  let finished = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  // `stopped` is a plain field, set at the stop: connections read it once or twice per response, and a getter would
  // be a call each time.
  const ctx: { -readonly [K in keyof ConnectionContext]: ConnectionContext[K] } = { recorder, now: epochNow, onIdle, stopped: false };
  const connections = Array.from({ length: setup.connections }, connectionFactory(setup, ctx));

  // Open model: arrivals at fixed intended times; idle connections wait here for the next one.
  const arrivalIntervalMs = setup.rate ? 1000 / setup.rate : 0;
  let nextArrival = 0;
  const idle: LoadConnection[] = [];
  let arrivalTimer: NodeJS.Timeout | undefined;

  /** Claims one request from the shared budget; false when the budget or the time is used up. */
  function claimRequest(now?: number): boolean {
    if (ctx.stopped || Atomics.load(control, CONTROL_STOP) === 1) return false;
    if (deadline !== undefined && (now ?? epochNow()) >= deadline) return false;
    const limit = Atomics.load(control, CONTROL_LIMIT);
    if (limit === 0) return true;
    return Atomics.add(control, CONTROL_ISSUED, 1) < limit;
  }

  function onIdle(connection: LoadConnection, now?: number): void {
    if (ctx.stopped) return;
    if (arrivalIntervalMs > 0) {
      idle.push(connection);
      pumpArrivals();
    } else if (claimRequest(now)) {
      connection.send();
    } else {
      maybeFinish();
    }
  }

  function pumpArrivals(): void {
    if (arrivalTimer || ctx.stopped) return;
    const now = epochNow();
    while (idle.length > 0) {
      const due = startAt + (setup.rateOffsetMs ?? 0) + nextArrival * arrivalIntervalMs;
      if (due > now) {
        arrivalTimer = setTimeout(() => {
          arrivalTimer = undefined;
          pumpArrivals();
        }, Math.max(0, due - now));
        return;
      }
      if (!claimRequest(now)) {
        maybeFinish();
        return;
      }
      nextArrival++;
      const lag = now - due;
      // Timer jitter of a few ms is not a missed rate; a request later than that is.
      if (lag > Math.max(arrivalIntervalMs, LATE_AFTER_MS)) {
        recorder.lateRequests++;
        if (lag > recorder.maxLagMs) recorder.maxLagMs = lag;
      }
      idle.pop()!.send(due);
    }
  }

  function maybeFinish(): void {
    if (!ctx.stopped && connections.every((c) => !c.busy)) stop();
  }

  let tick = 0;
  let tickTimer: NodeJS.Timeout | undefined;
  /** Stops the share at its deadline itself: waiting for the next tick would run up to 250 ms over. */
  let deadlineTimer: NodeJS.Timeout | undefined;
  function onTick(): void {
    const now = epochNow();
    for (const connection of connections) connection.enforceTimeouts(now);
    if (deadline !== undefined && now >= deadline) stop();
    else if (Atomics.load(control, CONTROL_STOP) === 1) stop();
    else report(tickAt(now));
  }

  /** Report k covers [k, k+1) ticks after the start; a late timer never reuses an index already sent. */
  function tickAt(now: number): number {
    // Stopped before it started (cancelled while the threads were starting): everything is in tick 0. Counting from
    // epoch 0 would make the caller close some 7 billion empty ticks.
    if (startAt === 0 || now < startAt) return tick;
    return Math.max(tick, Math.round((now - startAt) / setup.tickMs) - 1);
  }

  function report(at: number): void {
    tick = at + 1;
    let openConnections = 0;
    let connectingConnections = 0;
    let inFlight = 0;
    for (const c of connections) {
      if (c.open) openConnections++;
      if (c.connecting) connectingConnections++;
      if (c.busy) inFlight++;
    }
    post(recorder.flush(setup.workerIndex, at, { openConnections, connectingConnections, inFlight }));
  }

  function stop(): void {
    if (ctx.stopped) return;
    const now = epochNow();
    let openAtStop = 0;
    const connectingAtStopMs: number[] = [];
    for (const c of connections) {
      if (c.open) openAtStop++;
      if (c.connecting) connectingAtStopMs.push(Math.round(c.connectingForMs(now)));
    }
    // The last interval report carries everything counted up to the stop. A share stopped before it started
    // (cancelled while the threads were starting) has nothing to report, and no tick: counted from startAt 0 it
    // would be ~7e9, which the aggregator would close one by one.
    if (startAt !== 0) report(tickAt(now));
    ctx.stopped = true;
    if (tickTimer) clearInterval(tickTimer);
    if (deadlineTimer) clearTimeout(deadlineTimer);
    if (arrivalTimer) clearTimeout(arrivalTimer);
    connectingAtStopMs.sort((a, b) => b - a);
    post({
      type: 'final',
      workerIndex: setup.workerIndex,
      openAtStop,
      connectingAtStopMs: connectingAtStopMs.slice(0, MAX_LISTED_STARVED),
      stoppedAt: now,
    });
    void Promise.all(connections.map((c) => c.destroy())).then(() => {
      finished = true;
      resolveDone();
    });
  }

  return {
    start(at, until) {
      startAt = at;
      deadline = until;
      // Every connection at once (closed model), or the arrival schedule (open model).
      setTimeout(() => {
        if (ctx.stopped) return;
        tickTimer = setInterval(onTick, setup.tickMs);
        if (deadline !== undefined) deadlineTimer = setTimeout(onTick, Math.max(0, deadline - epochNow()) + 1);
        if (arrivalIntervalMs > 0) {
          idle.push(...connections);
          pumpArrivals();
        } else {
          for (const c of connections) onIdle(c);
        }
      }, Math.max(0, startAt - epochNow()));
    },
    stop: () => {
      if (!finished) stop();
    },
    done,
  };
}
