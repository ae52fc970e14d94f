// A titled box holding one chart canvas. The canvas gets a fixed-height wrapper because chart.js sizes to its parent.
import { el } from './dom';

export interface ChartCard {
  element: HTMLElement;
  canvas: HTMLCanvasElement;
  note: HTMLElement;
}

export function createChartCard(id: string, title: string, description: string, wide: boolean): ChartCard {
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': description, 'data-chart': id } });
  const note = el('p', { className: 'chart-note' });
  note.hidden = true;
  const element = el(
    'figure',
    { className: `chart-card panel-box${wide ? ' wide' : ''}`, attrs: { 'data-chart-card': id } },
    el('figcaption', { text: title }),
    el('div', { className: 'chart-box' }, canvas),
    note,
  );
  return { element, canvas, note };
}
