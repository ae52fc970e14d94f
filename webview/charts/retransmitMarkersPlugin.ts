// Draws the kernel's SYN retransmit times as dashed vertical lines over the connect-time bars, so a cluster of
// connects at 1 s or 3 s is read as "these SYNs were dropped and retransmitted".
import type { Chart, Plugin } from 'chart.js';
import type { DistributionBucket } from '../../src/engine/result';
import { fractionalBucketIndex } from '../model/distributionBars';

export interface RetransmitMarkers {
  /** Seconds after the first SYN. */
  timesSec: number[];
  buckets: DistributionBucket[];
  color: string;
  /** Behind each label, so it stays readable over the bars. */
  background: string;
  font: string;
}

/** Space between a label and its line, and between two labels. */
const GAP_PX = 4;

export interface MarkerLabel {
  text: string;
  /** Left edge of the label's box. */
  left: number;
  width: number;
  /** 0 = first row under the top of the chart area, 1 = the row below. */
  row: number;
}

/**
 * Where each label goes: right of its line, or left of it when it would pass the chart's right edge; a label that
 * would overlap the one before it moves a row down, and one that still would is left out (the line still shows).
 * Retransmits 1 s and 3 s apart land a few bars apart on a log axis, so they crowd at the right of the chart.
 */
export function placeMarkerLabels(marks: Array<{ x: number; text: string; width: number }>, area: { left: number; right: number }): MarkerLabel[] {
  const placed: MarkerLabel[] = [];
  const rowEnds = [-Infinity, -Infinity];
  for (const mark of marks) {
    let left = mark.x + GAP_PX;
    if (left + mark.width > area.right) left = mark.x - GAP_PX - mark.width;
    if (left < area.left) continue;
    const row = rowEnds.findIndex((end) => left >= end + GAP_PX);
    if (row < 0) continue;
    rowEnds[row] = left + mark.width;
    placed.push({ text: mark.text, left, width: mark.width, row });
  }
  return placed;
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
