// The one-way flow of a load test: check the target -> read the kernel before -> run the load while sampling the
// kernel -> diagnose -> one RunResult with findings. The CLI and the extension both call this.
import { startDiagnosis, type DiagnosisSession } from '../diagnosis/diagnosisSession';
import type { Finding, KernelSample } from '../shared/findings';
import type { LoadOptions } from '../engine/loadOptions';
import type { ResolvedTarget } from '../engine/loopbackTarget';
import type { RunResult } from '../shared/result';
import { generateLoad, type LoadHooks } from '../engine/generateLoad';
import { stripControlCharactersDeep } from '../shared/controlCharacters';

export interface LoadTestHooks extends Omit<LoadHooks, 'onTargetResolved'> {
  /** Skip the kernel diagnosis (no /proc reads, no ss). */
  skipDiagnosis?: boolean;
  /** Findings known before the load starts, e.g. more connections than the listen backlog. */
  onPreflight?(findings: Finding[]): void;
  /** The target answered and the load is about to start. */
  onLoadStart?(target: ResolvedTarget): void;
  /** Kernel counters sampled during the run, for charts under the throughput. */
  onKernelSample?(sample: KernelSample): void;
  /** How often the kernel is sampled, 250..1000 ms (default 500). */
  kernelSampleIntervalMs?: number;
  /** Which system's kernel tools the diagnosis reads (default: this one's); tests run the macOS path on Linux. */
  platform?: NodeJS.Platform;
  /**
   * Sample the kernel on the caller's thread while the load runs in its own threads (the CLI: it spares a thread's
   * start-up); with `workers: 0` the load shares the caller's thread, so the sampler keeps its own.
   */
  kernelSamplerOnThisThread?: boolean;
}

export async function runLoadTest(options: LoadOptions, hooks: LoadTestHooks = {}): Promise<RunResult> {
  let diagnosis: DiagnosisSession | undefined;
  const load = await generateLoad(options, {
    signal: hooks.signal,
    onProgress: hooks.onProgress,
    onTargetResolved: async (target, normalized) => {
      if (!hooks.skipDiagnosis) {
        diagnosis = await startDiagnosis(
          { host: target.host, port: target.port, addresses: target.addresses, connections: normalized.connections, keepAlive: normalized.keepAlive },
          {
            onSample: hooks.onKernelSample,
            sampleIntervalMs: hooks.kernelSampleIntervalMs,
            platform: hooks.platform,
            samplerOnThisThread: hooks.kernelSamplerOnThisThread === true && normalized.workers > 0,
          },
        );
        hooks.onPreflight?.(stripControlCharactersDeep(diagnosis.preflight));
      }
      hooks.onLoadStart?.(target);
    },
  });
  // Process names, kernel log lines and server messages end up in findings and errors: none may drive a terminal.
  if (!diagnosis) return stripControlCharactersDeep({ ...load, findings: [] });
  // finish() re-judges the preflight findings against what the run showed (a warning the run did not bear out
  // becomes info), so its list is the whole answer.
  const { findings, kernel } = await diagnosis.finish(load);
  return stripControlCharactersDeep({ ...load, findings, kernel });
}
