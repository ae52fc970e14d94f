// The "Compare with" select of earlier runs. Picking one asks the host for its result (it arrives as `baseline`).
import type { HistoryEntry } from '../../src/shared/protocol';
import { formatMs, formatRate } from '../../src/shared/formatNumbers';
import { el } from './dom';
import type { PanelActions } from './panelActions';

const NONE = '';

/** How a past run ended, when it did not run its course: a cancelled run's numbers cover only part of it. */
export function stopMark(entry: HistoryEntry): string | undefined {
  if (entry.stopReason === 'cancelled') return 'cancelled';
  if (entry.stopReason === 'error') return 'stopped by an error';
  return undefined;
}

/**
 * What the closed select shows, so it must fit about 50 characters: when, and the figures a comparison is about.
 * The day only when it is not today; the profile's words go to the tooltip (historyOptionDetail).
 */
export function historyOptionLabel(entry: HistoryEntry, now = new Date()): string {
  const when = new Date(entry.startedAt);
  const today = when.toDateString() === now.toDateString();
  const time = Number.isNaN(when.getTime())
    ? entry.startedAt
    : today
      ? when.toLocaleTimeString('en-GB', { timeStyle: 'medium' })
      : when.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const mark = stopMark(entry);
  return `${time}${mark ? ` · ${mark}` : ''} · ${formatRate(entry.requestsPerSec)} req/s · p99 ${formatMs(entry.latencyP99)}${entry.failed ? ` · ${entry.failed} failed` : ''}`;
}

/**
 * When an earlier run started, as the header writes it ("2 Dec 2026, 05:55:12"), with seconds: two runs of the same
 * minute are told apart. Used by the list of earlier runs and the Compare option's tooltip.
 */
export function runStartedText(entry: HistoryEntry): string {
  const when = new Date(entry.startedAt);
  return Number.isNaN(when.getTime()) ? entry.startedAt : when.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The tooltip of an option: the run's profile and its full date. */
export function historyOptionDetail(entry: HistoryEntry): string {
  return `${entry.label} · ${runStartedText(entry)}`;
}

export class HistoryView {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private shownKey = '';

  constructor(private readonly actions: PanelActions, private readonly onPick: (runId: string | undefined) => void) {
    this.select = el('select', { className: 'compare-select', attrs: { id: 'compare-select' } });
    this.select.addEventListener('change', () => {
      const runId = this.select.value === NONE ? undefined : this.select.value;
      this.onPick(runId);
      this.actions.post({ type: 'compareWith', runId });
    });
    this.element = el('label', { className: 'compare', attrs: { for: 'compare-select' } }, el('span', { className: 'group-label', text: 'Compare with' }), this.select);
  }

  /** `currentRunId` is left out: comparing a run with itself says nothing. */
  update(history: HistoryEntry[], currentRunId: string | undefined, comparedRunId: string | undefined): void {
    const entries = history.filter((h) => h.runId !== currentRunId);
    this.element.hidden = !this.actions.connected || entries.length === 0;
    const key = JSON.stringify(entries);
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.select.replaceChildren(el('option', { text: 'no baseline', attrs: { value: NONE } }), ...entries.map((h) => el('option', { text: historyOptionLabel(h), attrs: { value: h.runId, title: historyOptionDetail(h) } })));
    }
    const wanted = comparedRunId && entries.some((h) => h.runId === comparedRunId) ? comparedRunId : NONE;
    if (this.select.value !== wanted) this.select.value = wanted;
    this.select.title = this.select.selectedOptions[0]?.title ?? '';
  }
}
