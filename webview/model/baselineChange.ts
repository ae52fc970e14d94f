// How a key figure moved against the baseline run, worded so it reads without colour.
import { formatCount } from '../../src/shared/formatNumbers';

export type Trend = 'better' | 'worse' | 'same';

/** Changes smaller than this (1%) are noise between two runs of the same server: "about the same". */
const SAME_WITHIN = 0.01;

/**
 * How a figure moved against the baseline, in words that do not need colour: "+239% · worse", "−12% · better".
 * From zero there is no percentage: "+12 · worse".
 */
export function describeChange(before: number, after: number, higherIsBetter: boolean, format: (v: number) => string): { text: string; trend: Trend } {
  const diff = after - before;
  const relative = before !== 0 ? diff / Math.abs(before) : undefined;
  if (diff === 0 || (relative !== undefined && Math.abs(relative) < SAME_WITHIN)) return { text: 'about the same', trend: 'same' };
  const trend: Trend = (diff > 0) === higherIsBetter ? 'better' : 'worse';
  // Ten times or more either way reads better as a factor: "×5,175" rather than "+517,435%", "÷556" rather than "−100%".
  if (relative !== undefined && after > 0 && before > 0 && (after / before >= 10 || before / after >= 10)) {
    const factor = after > before ? `×${ratioText(after / before)}` : `÷${ratioText(before / after)}`;
    return { text: `${factor} · ${trend}`, trend };
  }
  const sign = diff > 0 ? '+' : '−';
  const amount = relative === undefined ? format(Math.abs(diff)) : `${formatCount(Math.abs(relative) * 100)}%`;
  return { text: `${sign}${amount} · ${trend}`, trend };
}

function ratioText(ratio: number): string {
  return ratio >= 100 ? formatCount(ratio) : ratio.toFixed(1).replace(/\.0$/, '');
}
