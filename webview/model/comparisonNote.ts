// Says when the baseline picked in "Compare with" is not the same test as the run on screen. Its deltas then compare
// unlike runs: a 10-connection keep-alive run stopped after 0.3 s against a 50-connection run showed "×5,175" and
// "÷556" with nothing to say why.
import { formatMs } from '../../src/shared/formatNumbers';
import type { RunOptionsEcho, RunResult } from '../../src/shared/result';
import { describeRunOptions } from '../../src/shared/runOptionsText';

export function comparisonNote(current: { url: string; options: RunOptionsEcho }, baseline: RunResult): string | undefined {
  const differences: string[] = [];
  if (baseline.target.url !== current.url) differences.push(`it loaded ${baseline.target.url}`);
  if (baseline.imported) {
    differences.push(`${baseline.imported.tool} measured it (${baseline.imported.format})`);
  } else {
    const before = describeRunOptions(baseline.options);
    const now = describeRunOptions(current.options);
    if (before !== now) differences.push(`it ran ${before}, this run ${now}`);
    if (baseline.stopReason === 'cancelled' || baseline.stopReason === 'error') differences.push(`it was stopped after ${formatMs(baseline.durationMs)}`);
  }
  if (differences.length === 0) return undefined;
  return `The baseline is a different test: ${differences.join('; ')}. The changes below compare unlike runs.`;
}
