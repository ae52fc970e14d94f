// The summary cards: the run's headline numbers, and "before -> after" against a baseline run when comparing.
import { formatBytesPerSec, formatCount, formatMs, formatRate } from '../../src/shared/formatNumbers';
import type { SummaryFigures } from '../model/summaryFigures';
import { describeChange } from '../model/baselineChange';
import { el, setHidden, setText } from './dom';

type Metric = keyof SummaryFigures;

interface CardSpec {
  metric: Metric;
  label: string;
  format: (value: number) => string;
  /** Shown under the label, to say what a less obvious number means. */
  hint?: string;
  /** Non-zero is bad: the card is marked so it stands out. */
  alarmWhenNonZero?: boolean;
  /** Compared against the baseline; `higherIsBetter` picks the tone of the change. */
  compare?: { higherIsBetter: boolean };
  /** Left out while a run is live on a narrow panel, so a chart stays in view (the CSS decides). */
  secondary?: true;
}

const CARDS: CardSpec[] = [
  { metric: 'ok', label: 'Requests ok', format: formatCount, hint: 'whole responses, any status' },
  { metric: 'failed', label: 'Failed', format: formatCount, alarmWhenNonZero: true, compare: { higherIsBetter: false } },
  { metric: 'inFlight', label: 'In flight', format: formatCount, secondary: true },
  { metric: 'starved', label: 'Starved', format: formatCount, hint: 'still in the TCP handshake', alarmWhenNonZero: true, secondary: true },
  { metric: 'requestsPerSec', label: 'Requests/s', format: formatRate, compare: { higherIsBetter: true } },
  { metric: 'p50', label: 'Latency p50', format: formatMs, compare: { higherIsBetter: false } },
  { metric: 'p90', label: 'Latency p90', format: formatMs, compare: { higherIsBetter: false }, secondary: true },
  { metric: 'p99', label: 'Latency p99', format: formatMs, compare: { higherIsBetter: false } },
  { metric: 'max', label: 'Latency max', format: formatMs, secondary: true },
  { metric: 'connectP99', label: 'Connect p99', format: formatMs, hint: 'TCP handshake', compare: { higherIsBetter: false } },
  { metric: 'bytesPerSec', label: 'Transfer', format: formatBytesPerSec, hint: 'response bytes', secondary: true },
  { metric: 'non2xx', label: 'Non-2xx', format: formatCount, alarmWhenNonZero: true, secondary: true },
];

interface CardNodes {
  card: HTMLElement;
  value: HTMLElement;
  delta: HTMLElement;
  deltaValues: HTMLElement;
  deltaChange: HTMLElement;
}


export class SummaryView {
  readonly element: HTMLElement;
  private readonly cards = new Map<Metric, CardNodes>();

  constructor() {
    this.element = el('section', { className: 'summary', attrs: { 'aria-label': 'Summary' } });
    for (const spec of CARDS) {
      const value = el('div', { className: 'card-value', text: '–' });
      const deltaValues = el('span', { className: 'delta-values' });
      const deltaChange = el('span', { className: 'delta-change' });
      const delta = el('div', { className: 'card-delta' }, deltaValues, deltaChange);
      delta.hidden = true;
      const card = el(
        'div',
        { className: 'card', attrs: { 'data-metric': spec.metric, ...(spec.secondary ? { 'data-secondary': '' } : {}) } },
        el('div', { className: 'card-label', text: spec.label }),
        value,
        spec.hint ? el('div', { className: 'card-hint', text: spec.hint }) : undefined,
        delta,
      );
      this.cards.set(spec.metric, { card, value, delta, deltaValues, deltaChange });
      this.element.append(card);
    }
  }

  /** `running` relabels "Starved" as connections connecting right now. */
  update(figures: SummaryFigures, baseline: SummaryFigures | undefined, running: boolean): void {
    for (const spec of CARDS) {
      const nodes = this.cards.get(spec.metric);
      if (!nodes) continue;
      const value = figures[spec.metric];
      const text = spec.format(value);
      setText(nodes.value, text);
      nodes.value.classList.toggle('long', text.length > 9);
      // The raw number, for tests and for anyone reading the DOM.
      nodes.card.dataset.value = String(value);
      nodes.card.classList.toggle('alarm', Boolean(spec.alarmWhenNonZero) && value > 0);
      if (spec.metric === 'starved') {
        const label = nodes.card.querySelector('.card-label');
        if (label) setText(label, running ? 'Connecting' : 'Starved');
      }
      const showDelta = Boolean(spec.compare && baseline);
      setHidden(nodes.delta, !showDelta);
      if (spec.compare && baseline) {
        const before = baseline[spec.metric];
        const change = describeChange(before, value, spec.compare.higherIsBetter, spec.format);
        // A value never breaks inside ("1.09 / s"); the line may break at the arrow.
        setText(nodes.deltaValues, `${unbroken(spec.format(before))} → ${unbroken(spec.format(value))}`);
        setText(nodes.deltaChange, change.text);
        nodes.delta.setAttribute('aria-label', `baseline ${spec.format(before)}, this run ${spec.format(value)}: ${change.text}`);
        nodes.delta.dataset.trend = change.trend;
      }
    }
  }
}

const unbroken = (text: string): string => text.replace(/ /g, '\u00a0');
