// Draws the kernel's SYN retransmit times as dashed vertical lines over the connect-time bars, so a cluster of
// connects at 1 s or 3 s is read as "these SYNs were dropped and retransmitted".
import type { Chart, Plugin } from 'chart.js';
import type { DistributionBucket } from '../../src/shared/result';
import { fractionalBucketIndex } from '../model/distributionBars';

export interface RetransmitMarkers {
  /** Seconds after the first SYN. */
  timesSec: number[];
  buckets: DistributionBucket[];
  color: string;
  font: string;
}

export function createRetransmitMarkersPlugin(current: () => RetransmitMarkers): Plugin<'bar'> {
  return {
    id: 'synRetransmitMarkers',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const { timesSec, buckets, color, font } = current();
      const xScale = chart.scales.x;
      if (!xScale || buckets.length === 0) return;
      const { top, bottom } = chart.chartArea;
      const barWidth = xScale.width / buckets.length;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.font = font;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      let lastLabelX = -Infinity;
      for (const sec of timesSec) {
        const index = fractionalBucketIndex(buckets, sec * 1000);
        if (index === undefined) continue;
        const x = xScale.left + index * barWidth;
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        // Labels would overlap where markers crowd together; the lines still show.
        if (x - lastLabelX > 28) {
          ctx.fillText(`${sec} s`, x, top + 2);
          lastLabelX = x;
        }
      }
      ctx.restore();
    },
  };
}
