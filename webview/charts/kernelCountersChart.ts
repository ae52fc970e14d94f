// The kernel's TCP counters sampled during the run (cumulative since the start) and the listener's accept queue
// against its capacity, on the same time axis as the throughput above it: overflows line up with the error bursts.
import type { Chart, ChartDataset } from 'chart.js';
import type { KernelSample } from '../../src/shared/findings';
import type { ThemeColors } from '../theme/themeColors';
import { withAlpha } from '../theme/themeColors';
import type { XY } from '../model/derivedSeries';
import { TimeAxisChart } from './themedChart';
import { hatchPattern } from './hatchPattern';
import { countScale, fixedWidth, themedPlugins, timeScale, TIME_CHART_LEFT_AXIS_PX, TIME_CHART_RIGHT_AXIS_PX } from './chartTheme';

/** The counters that tell the backlog story, in reading order. */
export const KERNEL_COUNTERS = ['ListenOverflows', 'ListenDrops', 'SyncookiesSent', 'SyncookiesFailed', 'EstabResets', 'OutRsts'] as const;

export interface KernelCountersInput {
  samples: KernelSample[];
  xMaxSec: number;
}

export class KernelCountersChart extends TimeAxisChart<KernelCountersInput> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    super(canvas, theme, { samples: [], xMaxSec: 1 });
  }

  protected draw(input: KernelCountersInput): void {
    const t = this.theme;
    const colors = [t.red, t.orange, t.purple, t.yellow, t.blue, t.green];
    const samples = input.samples;
    const datasets: Array<ChartDataset<'line', XY[]>> = [];
    KERNEL_COUNTERS.forEach((name, i) => {
      if (!samples.some((s) => name in s.deltas)) return;
      datasets.push({
        label: name,
        data: samples.map((s) => ({ x: s.tMs / 1000, y: s.deltas[name] ?? null })),
        yAxisID: 'y',
        borderColor: colors[i],
        backgroundColor: colors[i],
        borderWidth: 1.5,
        pointRadius: 0,
        stepped: 'before',
        // Two counters that move together (ListenOverflows and ListenDrops) would hide each other: dash every other.
        borderDash: i % 2 === 1 ? [5, 3] : [],
      });
    });
    const withQueue = samples.filter(hasAcceptQueue);
    if (withQueue.length) {
      datasets.push({
        label: 'accept queue',
        data: withQueue.map((s) => ({ x: s.tMs / 1000, y: s.acceptQueue?.length ?? null })),
        yAxisID: 'queue',
        borderColor: t.muted,
        // A light fill: the queue is context for the counters, not the headline. High contrast gets a hatch that
        // leaves the counter lines under it readable.
        backgroundColor: t.highContrast ? hatchPattern(t.muted, 0.45) : withAlpha(t.muted, 0.08),
        fill: 'origin',
        borderWidth: t.highContrast ? 1.5 : 1,
        pointRadius: 0,
        stepped: 'before',
      });
      datasets.push({
        label: 'queue capacity',
        data: withQueue.map((s) => ({ x: s.tMs / 1000, y: s.acceptQueue?.capacity ?? null })),
        yAxisID: 'queue',
        borderColor: t.foreground,
        borderDash: [2, 3],
        borderWidth: 1.5,
        pointRadius: 0,
        stepped: 'before',
      });
    }
    this.chart.data.datasets = datasets;
  }

  protected override optionsKey(input: KernelCountersInput): string {
    return `${super.optionsKey(input)}/${input.samples.some(hasAcceptQueue)}`;
  }

  protected options(input: KernelCountersInput): Chart<'line', XY[], string>['options'] {
    const t = this.theme;
    const showQueueAxis = input.samples.some(hasAcceptQueue);
    return {
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: timeScale(t, input.xMaxSec),
        y: { ...countScale(t, 'since start'), position: 'left', ...fixedWidth(TIME_CHART_LEFT_AXIS_PX) },
        queue: {
          ...countScale(t, 'queue'),
          position: 'right',
          display: showQueueAxis,
          grid: { drawOnChartArea: false },
          ...fixedWidth(TIME_CHART_RIGHT_AXIS_PX),
        },
      },
      // Without the queue axis, keep its room so the time axis still lines up with the charts above.
      layout: { padding: { right: showQueueAxis ? 0 : TIME_CHART_RIGHT_AXIS_PX } },
      plugins: themedPlugins(t),
    } as Chart<'line', XY[], string>['options'];
  }
}

const hasAcceptQueue = (sample: KernelSample): boolean => sample.acceptQueue !== undefined;
