// Responses by HTTP status, coloured by class, plus the requests that got no response at all.
import type { Chart } from 'chart.js';
import type { ThemeColors } from '../theme/themeColors';
import { withAlpha } from '../theme/themeColors';
import { formatCount } from '../../src/shared/formatNumbers';
import { countScale, themedPlugins, themedScale } from './chartTheme';
import { ThemedChart } from './themedChart';

export interface StatusCodesInput {
  statusCodes: Record<string, number>;
  /** Failed requests: no status to show, but they belong in the same picture. */
  failed: number;
}

export const NO_RESPONSE_LABEL = 'no response';

export class StatusCodesChart extends ThemedChart<'bar', StatusCodesInput, number[]> {
  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    super(canvas, theme, 'bar', { statusCodes: {}, failed: 0 });
  }

  protected draw(input: StatusCodesInput): void {
    const entries = Object.entries(input.statusCodes).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
    if (input.failed > 0) entries.push([NO_RESPONSE_LABEL, input.failed]);
    const colors = entries.map(([code]) => this.colorFor(code));
    this.chart.data.labels = entries.map(([code]) => code);
    this.chart.data.datasets = [
      {
        label: 'responses',
        data: entries.map(([, n]) => n),
        backgroundColor: colors.map((c) => withAlpha(c, this.theme.highContrast ? 0.9 : 0.65)),
        borderColor: colors,
        borderWidth: 1,
        maxBarThickness: 28,
      },
    ];
  }

  private colorFor(code: string): string {
    const t = this.theme;
    if (code === NO_RESPONSE_LABEL) return t.red;
    switch (code[0]) {
      case '2':
        return t.green;
      case '3':
        return t.blue;
      case '4':
        return t.yellow;
      case '5':
        return t.orange;
      default:
        return t.purple;
    }
  }

  protected options(): Chart<'bar', number[], string>['options'] {
    const t = this.theme;
    return {
      indexAxis: 'y',
      scales: {
        x: countScale(t, 'count'),
        y: { ...themedScale(t), type: 'category' },
      },
      plugins: {
        ...themedPlugins(t),
        legend: { display: false },
        tooltip: { ...themedPlugins(t).tooltip, callbacks: { label: (item) => formatCount(Number(item.parsed.x)) } },
      },
    } as Chart<'bar', number[], string>['options'];
  }
}
