// Progress reaches the panel at most a few times a second and never makes the engine wait: snapshots are merged
// (their "new points since the last one" lists joined) and sent by a timer. Pure, timers injectable for tests.
import type { KernelSample } from '../shared/findings';
import type { RunProgress } from '../shared/result';

export type SendProgress = (progress: RunProgress, kernelSamples: KernelSample[]) => void;

export class ProgressCoalescer {
  private pending: RunProgress | undefined;
  private pendingPoints: RunProgress['points'] = [];
  private pendingSamples: KernelSample[] = [];
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: SendProgress,
    private readonly minIntervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  push(progress: RunProgress): void {
    this.pending = progress;
    this.pendingPoints.push(...progress.points);
    this.schedule();
  }

  pushKernelSample(sample: KernelSample): void {
    this.pendingSamples.push(sample);
    if (this.pending) this.schedule();
  }

  /** Sends what is waiting now (before runFinished, so the panel has every point). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const progress = { ...this.pending, points: this.pendingPoints };
    const samples = this.pendingSamples;
    this.pending = undefined;
    this.pendingPoints = [];
    this.pendingSamples = [];
    this.lastSent = this.now();
    this.send(progress, samples);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastSent + this.minIntervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }
}
