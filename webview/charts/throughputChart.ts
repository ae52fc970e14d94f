// Requests per second over time, with failed requests per second stacked by cause on the same axis, and the baseline
// run's throughput as a dashed line when comparing.
import type { Chart, ChartDataset } from 'chart.js';
import type { ThemeColors } from '../theme/themeColors';
import { withAlpha } from '../theme/themeColors';
import { baselineAboveAxis, completedPerSecond, errorCausesIn, errorsPerSecond, ownPeakPerSecond, type XY } from '../model/derivedSeries';
import { TimeAxisChart, type SeriesChartInput } from './themedChart';
import { errorCauseShort } from '../../src/shared/errorWords';
import { formatRate } from '../../src/shared/formatNumbers';
import { errorCauseColor, fixedWidth, themedPlugins, themedScale, timeScale, TIME_CHART_LEFT_AXIS_PX, ABOVE_KERNEL_CHART } from './chartTheme';

export class ThroughputChart extends TimeAxisChart<SeriesChartInput> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    super(canvas, theme, { series: [], xMaxSec: 1 });
  }

  protected draw(input: SeriesChartInput): void {
    const t = this.theme;
    const datasets: Array<ChartDataset<'line', XY[]>> = [
      {
        label: 'ok req/s',
        data: completedPerSecond(input.series),
        stack: 'ok',
        borderColor: t.blue,
        backgroundColor: withAlpha(t.blue, 0.15),
        fill: 'origin',
        borderWidth: 2,
        pointRadius: 0,
        tension: 0.2,
      },
    ];
    errorCausesIn(input.series).forEach((cause, i) => {
      const color = errorCauseColor(t, cause, i);
      datasets.push({
        label: `${errorCauseShort(cause)} /s`,
        data: errorsPerSecond(input.series, cause),
        stack: 'errors',
        borderColor: color,
        backgroundColor: withAlpha(color, t.highContrast ? 0.6 : 0.35),
        // The first error layer fills to zero, the next ones to the layer below: a stacked area.
        fill: i === 0 ? 'origin' : '-1',
        borderWidth: 1,
        pointRadius: 0,
        stepped: 'before',
      });
    });
    if (input.baselineSeries?.length) {
      const capped = baselineAboveAxis(input.series, input.baselineSeries);
      datasets.push({
        label: capped === undefined ? 'baseline ok req/s' : `baseline ok req/s (up to ${formatRate(capped)}, above the axis)`,
        data: completedPerSecond(input.baselineSeries),
        stack: 'baseline',
        borderColor: t.muted,
        borderDash: [6, 4],
        borderWidth: 1.5,
        pointRadius: 0,
        fill: false,
      });
    }
    this.chart.data.datasets = datasets;
  }

  protected options(input: SeriesChartInput): Chart<'line', XY[], string>['options'] {
    const t = this.theme;
    return {
      ...ABOVE_KERNEL_CHART,
      scales: {
        x: timeScale(t, input.xMaxSec),
        y: {
          ...themedScale(t, 'per second'),
          type: 'linear',
          stacked: true,
          beginAtZero: true,
          // A baseline far above this run must not flatten it: the axis then follows this run.
          max: baselineAboveAxis(input.series, input.baselineSeries) === undefined ? undefined : roundedUp(ownPeakPerSecond(input.series) * 1.25),
          ...fixedWidth(TIME_CHART_LEFT_AXIS_PX),
        },
      },
      plugins: themedPlugins(t),
    } as Chart<'line', XY[], string>['options'];
  }
}

/** Up to two significant digits (1,160 -> 1,200), so the top tick is a round number. */
function roundedUp(value: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / unit) * unit;
}
