// Latency percentiles (p50, p90, p99) of the requests completed in each interval, and the baseline's p99 dashed.
import type { Chart, ChartDataset } from 'chart.js';
import type { ThemeColors } from '../theme/themeColors';
import { isolatedPointRadii, latencyOverTime, type LatencyField, type XY } from '../model/derivedSeries';
import { formatMs } from '../../src/shared/formatNumbers';
import { TimeAxisChart, type SeriesChartInput } from './themedChart';
import { fixedWidth, themedPlugins, themedScale, timeScale, TIME_CHART_LEFT_AXIS_PX, ABOVE_KERNEL_CHART } from './chartTheme';

export class LatencyPercentilesChart extends TimeAxisChart<SeriesChartInput> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    super(canvas, theme, { series: [], xMaxSec: 1 });
  }

  protected draw(input: SeriesChartInput): void {
    const t = this.theme;
    const line = (label: string, field: LatencyField, color: string, width: number): ChartDataset<'line', XY[]> => {
      const data = latencyOverTime(input.series, field);
      return { label, data, borderColor: color, backgroundColor: color, borderWidth: width, pointRadius: isolatedPointRadii(data), spanGaps: false };
    };
    const datasets = [line('p50', 'latencyP50', t.green, 1.5), line('p90', 'latencyP90', t.yellow, 1.5), line('p99', 'latencyP99', t.red, 2)];
    if (input.baselineSeries?.length) {
      datasets.push({
        label: 'baseline p99',
        data: latencyOverTime(input.baselineSeries, 'latencyP99'),
        borderColor: t.muted,
        backgroundColor: t.muted,
        borderDash: [6, 4],
        borderWidth: 1.5,
        pointRadius: 0,
      });
    }
    this.chart.data.datasets = datasets;
  }

  protected options(input: SeriesChartInput): Chart<'line', XY[], string>['options'] {
    const t = this.theme;
    const y = themedScale(t, 'latency');
    return {
      ...ABOVE_KERNEL_CHART,
      scales: {
        x: timeScale(t, input.xMaxSec),
        // Log axis: a p99 of seconds (retransmitted SYNs) would otherwise flatten p50 and p90 onto the axis.
        y: {
          ...y,
          type: 'logarithmic',
          ...fixedWidth(TIME_CHART_LEFT_AXIS_PX),
          ticks: { ...y.ticks, callback: (v: number | string) => logMsTick(Number(v)) },
          // A fifth of a decade above the slowest value: the slowest requests are the ones to see, not to lose
          // against the chart's top edge.
          afterDataLimits: (scale: { max: number }) => void (scale.max *= 1.6),
        },
      },
      plugins: {
        ...themedPlugins(t),
        tooltip: { ...themedPlugins(t).tooltip, callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${formatMs(item.parsed.y ?? undefined)}` } },
      },
    } as Chart<'line', XY[], string>['options'];
  }
}

/** 1-2-5 steps only: the log axis' other ticks crowd the labels. */
function logMsTick(ms: number): string {
  const mantissa = ms / 10 ** Math.floor(Math.log10(ms));
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? formatMs(ms) : '';
}
