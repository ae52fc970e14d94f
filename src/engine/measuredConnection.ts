// What both HTTP clients measure the same way: the phase a request is in, its timings, and how its outcome is
// counted. Each client subclass only moves bytes and calls these at the matching moments.
import type { ConnectionContext, LoadConnection } from './connection';
import { classifyError, describeError } from './errorClassification';
import type { ErrorPhase } from '../shared/result';

export type ConnectionState = 'idle' | 'connecting' | ErrorPhase;

/**
 * Errors that say the machine is out of something (descriptors, ports): retrying at once fails again at once and,
 * when the error comes back synchronously, never lets timers or I/O run. The connection waits, 10 ms doubling up
 * to 1 s, and starts again at 10 ms after its next successful connect.
 */
const OUT_OF_RESOURCES = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS']);
const FIRST_BACKOFF_MS = 10;
const MAX_BACKOFF_MS = 1000;

export abstract class MeasuredConnection implements LoadConnection {
  protected state: ConnectionState = 'idle';
  protected socketOpen = false;
  /** When the current request was (or should have been, in the open model) sent. */
  protected requestStart = 0;
  protected connectStart = 0;
  private headersAt = 0;
  private status = 0;
  protected bodyBytes = 0;
  /** The body length of the first 2xx response, to notice when later ones differ. */
  private firstLength = -1;
  private backoffMs = 0;
  private backoffTimer: NodeJS.Timeout | undefined;
  private readonly resumeAfterBackoff = (): void => {
    this.backoffTimer = undefined;
    this.ctx.onIdle(this);
  };

  constructor(protected readonly ctx: ConnectionContext) {}

  abstract send(intendedStart?: number): void;
  abstract enforceTimeouts(now: number): void;
  abstract destroy(): Promise<void>;

  get busy(): boolean {
    return this.state !== 'idle';
  }

  get connecting(): boolean {
    return this.state === 'connecting';
  }

  get open(): boolean {
    return this.socketOpen;
  }

  connectingForMs(now: number): number {
    return this.state === 'connecting' ? now - this.connectStart : 0;
  }

  /** Starts the clock of a new request; returns the time now. */
  protected beginRequest(intendedStart: number | undefined): number {
    const now = this.ctx.now();
    this.requestStart = intendedStart ?? now;
    this.headersAt = 0;
    this.status = 0;
    this.bodyBytes = 0;
    this.ctx.recorder.started++;
    return now;
  }

  protected connectEstablished(): void {
    this.socketOpen = true;
    this.backoffMs = 0;
    if (!this.ctx.stopped) this.ctx.recorder.recordConnect((this.ctx.now() - this.connectStart) * 1000);
  }

  /**
   * The final status line and headers are in: time to first byte. `at`: when the read that brought them began to
   * be handled, if the caller has read the clock for it (one read serves the head and the end of a response that
   * arrive together, as most do: a read of the clock costs ~50 ns).
   */
  protected headersReceived(status: number, at = this.ctx.now()): void {
    this.status = status;
    this.headersAt = at;
    this.state = 'read-body';
  }

  /** Counts a whole response (not after the stop: those are in flight) and frees the connection. `now`: as above. */
  protected completeRequest(now = this.ctx.now()): void {
    this.state = 'idle';
    if (this.ctx.stopped) return;
    const recorder = this.ctx.recorder;
    recorder.bodyBytesRead += this.bodyBytes;
    recorder.recordResponse(this.status, (now - this.requestStart) * 1000, (this.headersAt - this.requestStart) * 1000);
    // ab counts a body whose length differs from the first response's as a "Length" failure; we only note it.
    if (this.status >= 200 && this.status < 300) {
      if (this.firstLength < 0) this.firstLength = this.bodyBytes;
      else if (this.bodyBytes !== this.firstLength) recorder.lengthVariations++;
    }
    this.ctx.onIdle(this, now);
  }

  /**
   * Counts a failed request under its cause and the phase it was in, and marks the connection idle. Returns false
   * after the stop (nothing counted); the caller then frees the connection in its own time.
   */
  protected countFailure(err: Error): boolean {
    const phase: ErrorPhase = this.state === 'connecting' || this.state === 'idle' ? 'connect' : this.state;
    this.state = 'idle';
    if (this.ctx.stopped) return false;
    this.ctx.recorder.recordFailure(classifyError(err), phase, () => describeError(err));
    return true;
  }

  /**
   * After a failure, hands the connection back for its next request without ever looping synchronously: at once
   * after this turn's I/O (setImmediate), or after a growing pause when the machine is out of descriptors or ports.
   */
  protected idleAfterFailure(err: Error): void {
    const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    if (OUT_OF_RESOURCES.has(e.code ?? '') || OUT_OF_RESOURCES.has(e.cause?.code ?? '')) {
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs === 0 ? FIRST_BACKOFF_MS : this.backoffMs * 2);
      this.backoffTimer = setTimeout(this.resumeAfterBackoff, this.backoffMs);
    } else {
      setImmediate(this.resumeAfterBackoff);
    }
  }

  /** A stopped run leaves no timer behind. */
  protected cancelBackoff(): void {
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
  }
}
