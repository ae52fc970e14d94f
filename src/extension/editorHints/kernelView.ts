// The hints' view of the kernel and the last run: somaxconn and the other sysctls (live, else read before the
// last run), the findings and the concurrency used. Settings are read once per change of the source.
import type { Finding } from '../../shared/findings';
import type { RunResult } from '../../shared/result';
import type { HintSource } from './hintSource';

export class KernelView {
  private settingsPromise: Promise<Record<string, string>> | undefined;
  private lastSomaxconn: number | undefined;

  constructor(private readonly source: HintSource) {}

  /** Forget the cached settings (the source changed). */
  invalidate(): void {
    this.settingsPromise = undefined;
  }

  settings(): Promise<Record<string, string>> {
    this.settingsPromise ??= this.source.kernelSettings().then(
      (live) => ({ ...(this.source.lastResult()?.kernel?.settings ?? {}), ...live }),
      () => ({ ...(this.source.lastResult()?.kernel?.settings ?? {}) }),
    );
    return this.settingsPromise;
  }

  async somaxconn(): Promise<number | undefined> {
    const value = Number((await this.settings())['net.core.somaxconn']);
    this.lastSomaxconn = Number.isFinite(value) && value > 0 ? value : undefined;
    return this.lastSomaxconn;
  }

  /** The value the last somaxconn() read, for providers that answer synchronously (quick fixes). */
  somaxconnSeen(): number | undefined {
    return this.lastSomaxconn;
  }

  result(): RunResult | undefined {
    return this.source.lastResult();
  }

  findings(): Finding[] {
    return this.source.lastResult()?.findings ?? [];
  }

  connections(): number | undefined {
    return this.source.lastResult()?.options.connections;
  }
}
