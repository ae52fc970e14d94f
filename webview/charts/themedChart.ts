// What every chart of the panel shares: one chart.js instance, the theme, the last input (a theme change redraws
// it), and options rebuilt only when what they depend on changed: rebuilding re-resolves every scale, and live
// updates come several times a second.
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint, type Plugin } from 'chart.js';
import type { SeriesPoint } from '../../src/shared/result';
import type { XY } from '../model/derivedSeries';
import type { ThemeColors } from '../theme/themeColors';

export abstract class ThemedChart<TType extends ChartType, TInput, TData = DefaultDataPoint<TType>> {
  protected readonly chart: Chart<TType, TData, string>;
  protected theme: ThemeColors;
  protected last: TInput;
  /** What the current options were built for; undefined forces a rebuild (e.g. after a theme change). */
  private builtFor: string | undefined;

  constructor(canvas: HTMLCanvasElement, theme: ThemeColors, type: TType, initial: TInput, plugins: Array<Plugin<TType>> = []) {
    this.theme = theme;
    this.last = initial;
    this.builtFor = this.optionsKey(initial);
    const config = { type, data: { labels: [], datasets: [] }, options: this.options(initial), plugins };
    this.chart = new Chart<TType, TData, string>(canvas, config as unknown as ChartConfiguration<TType, TData, string>);
  }

  update(input: TInput): void {
    this.last = input;
    this.draw(input);
    const key = this.optionsKey(input);
    if (key !== this.builtFor) {
      this.chart.options = this.options(input);
      this.builtFor = key;
    }
    this.chart.update('none');
  }

  applyTheme(theme: ThemeColors): void {
    this.theme = theme;
    this.builtFor = undefined;
    this.update(this.last);
  }

  destroy(): void {
    this.chart.destroy();
  }

  /** Puts the input's labels and datasets into `this.chart.data`. */
  protected abstract draw(input: TInput): void;

  protected abstract options(input: TInput): Chart<TType, TData, string>['options'];

  /** What the options depend on besides the theme (e.g. the time axis' length). */
  protected optionsKey(_input: TInput): string {
    return '';
  }
}

/** A chart over the run's time axis (XY points in seconds): its options depend on the axis' length. */
export abstract class TimeAxisChart<TInput extends { xMaxSec: number }> extends ThemedChart<'line', TInput, XY[]> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors, initial: TInput) {
    super(canvas, theme, 'line', initial);
  }

  protected override optionsKey(input: TInput): string {
    return `${input.xMaxSec}`;
  }
}

/** What the charts of the run's 1 s series take: the run's points, the compared run's, and the axis' length. */
export interface SeriesChartInput {
  series: SeriesPoint[];
  baselineSeries?: SeriesPoint[];
  xMaxSec: number;
}
