// Latency percentiles (p50, p90, p99) of the requests completed in each interval, and the baseline's p99 dashed.
import type { Chart, ChartDataset } from 'chart.js';
import type { SeriesPoint } from '../../src/engine/result';
import type { ThemeColors } from '../theme/themeColors';
import { latencyOverTime, type LatencyField, type XY } from '../model/derivedSeries';
import { formatMs } from '../format/formatNumbers';
import { ThemedChart } from './themedChart';
import { fixedWidth, themedPlugins, themedScale, timeScale, TIME_CHART_LEFT_AXIS_PX, TIME_CHART_RIGHT_AXIS_PX } from './chartTheme';

export interface LatencyPercentilesInput {
  series: SeriesPoint[];
  baselineSeries?: SeriesPoint[];
  xMaxSec: number;
}

export class LatencyPercentilesChart extends ThemedChart<'line', LatencyPercentilesInput, XY[]> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    super(canvas, theme, 'line', { series: [], xMaxSec: 1 });
  }

  protected draw(input: LatencyPercentilesInput): void {
    const t = this.theme;
    const line = (label: string, field: LatencyField, color: string, width: number): ChartDataset<'line', XY[]> => ({
      label,
      data: latencyOverTime(input.series, field),
      borderColor: color,
      backgroundColor: color,
      borderWidth: width,
      pointRadius: 0,
      spanGaps: false,
    });
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

  protected override optionsKey(input: LatencyPercentilesInput): string {
    return `${input.xMaxSec}`;
  }

  protected options(input: LatencyPercentilesInput): Chart<'line', XY[], string>['options'] {
    const t = this.theme;
    const y = themedScale(t, 'latency');
    return {
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      // Room where the kernel chart below has its queue axis, so the time axes line up.
      layout: { padding: { right: TIME_CHART_RIGHT_AXIS_PX } },
      scales: {
        x: timeScale(t, input.xMaxSec),
        // Log axis: a p99 of seconds (retransmitted SYNs) would otherwise flatten p50 and p90 onto the axis.
        y: { ...y, type: 'logarithmic', ...fixedWidth(TIME_CHART_LEFT_AXIS_PX), ticks: { ...y.ticks, callback: (v: number | string) => logMsTick(Number(v)) } },
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
