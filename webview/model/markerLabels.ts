// Where the SYN-retransmit marker labels go over the connect-time chart, so they neither overlap nor leave it.

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
