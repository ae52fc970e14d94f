// How long TCP connects took, with the kernel's SYN retransmit times marked: clusters on the marks are dropped SYNs.
import type { ThemeColors } from '../theme/themeColors';
import { DistributionBarChart } from './distributionBarChart';
import { createRetransmitMarkersPlugin } from './retransmitMarkersPlugin';

export class ConnectTimeChart {
  // Assigned after the plugin is made; chart.js draws once inside the constructor, before the assignment.
  private readonly bars: DistributionBarChart | undefined;
  private theme: ThemeColors;
  private retransmitTimesSec: number[] = [];

  constructor(canvas: HTMLCanvasElement, theme: ThemeColors) {
    this.theme = theme;
    const markers = createRetransmitMarkersPlugin(() => ({
      timesSec: this.retransmitTimesSec,
      buckets: this.bars?.shownBuckets ?? [],
      color: this.theme.orange,
      background: this.theme.background,
      font: `${this.theme.fontSize - 2}px ${this.theme.fontFamily}`,
    }));
    this.bars = new DistributionBarChart(canvas, theme, { label: 'connects', color: (t) => t.purple, plugins: [markers] });
  }

  update(buckets: Parameters<DistributionBarChart['update']>[0], retransmitTimesSec: number[]): void {
    this.retransmitTimesSec = retransmitTimesSec;
    this.bars?.update(buckets);
  }

  applyTheme(theme: ThemeColors): void {
    this.theme = theme;
    this.bars?.applyTheme(theme);
  }

  destroy(): void {
    this.bars?.destroy();
  }
}
