// How long requests took, as a histogram of log-spaced buckets.
import type { ThemeColors } from '../theme/themeColors';
import { DistributionBarChart } from './distributionBarChart';

export function createLatencyDistributionChart(canvas: HTMLCanvasElement, theme: ThemeColors): DistributionBarChart {
  return new DistributionBarChart(canvas, theme, { label: 'requests', color: (t) => t.blue });
}
