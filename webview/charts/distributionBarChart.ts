// A histogram of log-spaced buckets as bars. Counts use a log axis: a few slow requests (the interesting ones) stay
// visible next to thousands of fast ones.
import type { Chart, Plugin } from 'chart.js';
import type { DistributionBucket } from '../../src/shared/result';
import type { ThemeColors } from '../theme/themeColors';
import { withAlpha } from '../theme/themeColors';
import { trimEmptyEnds } from '../model/distributionBars';
import { formatBucketLabel, formatCount, formatMs } from '../../src/shared/formatNumbers';
import { themedPlugins, themedScale } from './chartTheme';
import { ThemedChart } from './themedChart';

type BarChart = Chart<'bar', Array<number | null>, string>;

export interface DistributionBarChartSettings {
  label: string;
  color: (theme: ThemeColors) => string;
  plugins?: Array<Plugin<'bar'>>;
}

export class DistributionBarChart extends ThemedChart<'bar', DistributionBucket[], Array<number | null>> {
  private buckets: DistributionBucket[] = [];

  constructor(canvas: HTMLCanvasElement, theme: ThemeColors, private readonly settings: DistributionBarChartSettings) {
    super(canvas, theme, 'bar', [], settings.plugins ?? []);
  }

  /** The buckets drawn, after trimming; plugins position marks against these. */
  get shownBuckets(): DistributionBucket[] {
    return this.buckets ?? [];
  }

  protected draw(buckets: DistributionBucket[]): void {
    this.buckets = trimEmptyEnds(buckets);
    const color = this.settings.color(this.theme);
    this.chart.data.labels = this.buckets.map((b) => formatBucketLabel(b.fromMs, b.toMs));
    this.chart.data.datasets = [
      {
        label: this.settings.label,
        // A log axis cannot show 0: empty buckets are left out rather than drawn at the axis minimum.
        data: this.buckets.map((b) => (b.count > 0 ? b.count : null)),
        backgroundColor: withAlpha(color, this.theme.highContrast ? 0.9 : 0.6),
        borderColor: color,
        borderWidth: 1,
        categoryPercentage: 1,
        barPercentage: 0.92,
      },
    ];
  }

  protected options(): BarChart['options'] {
    const t = this.theme;
    const x = themedScale(t);
    const y = themedScale(t, 'count');
    const buckets = () => this.buckets;
    return {
      scales: {
        x: {
          ...x,
          type: 'category',
          // Label each bar by where it starts: shorter than the range, and the axis reads like a log time axis.
          ticks: { ...x.ticks, maxRotation: 0, autoSkipPadding: 12, callback: (_v: unknown, i: number) => formatMs(buckets()[i]?.fromMs) },
        },
        y: { ...y, type: 'logarithmic', min: 0.8, ticks: { ...y.ticks, callback: (v: number | string) => logTick(Number(v)) } },
      },
      plugins: {
        ...themedPlugins(t),
        legend: { display: false },
        tooltip: { ...themedPlugins(t).tooltip, callbacks: { label: (item) => `${formatCount(Number(item.parsed.y))} requests` } },
      },
    } as BarChart['options'];
  }
}

/** Only powers of ten on the count axis; the log scale's in-between ticks are noise at this size. */
function logTick(value: number): string {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? formatCount(value) : '';
}
