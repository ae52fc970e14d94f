// Draws the kernel's SYN retransmit times as dashed vertical lines over the connect-time bars, so a cluster of
// connects at 1 s or 3 s is read as "these SYNs were dropped and retransmitted".
import type { Chart, Plugin } from 'chart.js';
import type { DistributionBucket } from '../../src/shared/result';
import { fractionalBucketIndex } from '../model/distributionBars';
import { placeMarkerLabels } from '../model/markerLabels';

export interface RetransmitMarkers {
  /** Seconds after the first SYN. */
  timesSec: number[];
  buckets: DistributionBucket[];
  color: string;
  /** Behind each label, so it stays readable over the bars. */
  background: string;
  font: string;
}

export function createRetransmitMarkersPlugin(current: () => RetransmitMarkers): Plugin<'bar'> {
  return {
    id: 'synRetransmitMarkers',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const { timesSec, buckets, color, background, font } = current();
      const xScale = chart.scales.x;
      if (!xScale || buckets.length === 0) return;
      const { top, bottom, left, right } = chart.chartArea;
      const barWidth = xScale.width / buckets.length;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.font = font;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      const marks: Array<{ x: number; text: string; width: number }> = [];
      for (const sec of timesSec) {
        const index = fractionalBucketIndex(buckets, sec * 1000);
        if (index === undefined) continue;
        const x = xScale.left + index * barWidth;
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        const text = `${sec} s`;
        marks.push({ x, text, width: ctx.measureText(text).width });
      }
      const lineHeight = Number.parseFloat(font) * 1.25 || 14;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      for (const label of placeMarkerLabels(marks, { left, right })) {
        const y = top + 2 + label.row * lineHeight;
        ctx.fillStyle = background;
        ctx.fillRect(label.left - 1, y - 1, label.width + 2, lineHeight);
        ctx.fillStyle = color;
        ctx.fillText(label.text, label.left, y);
      }
      ctx.restore();
    },
  };
}
