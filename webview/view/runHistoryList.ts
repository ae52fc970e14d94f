// Earlier runs of this workspace: open one to look at it again, or export it, without running it again.
import type { HistoryEntry } from '../../src/shared/protocol';
import { formatCount, formatMs, formatRate } from '../../src/shared/formatNumbers';
import { button, el, setHidden, setText } from './dom';
import { runStartedText, stopMark } from './historyView';
import type { PanelActions } from './panelActions';

export class RunHistoryList {
  readonly element: HTMLElement;
  private readonly summary = el('summary', { className: 'run-history-title' });
  private readonly list = el('ul', { className: 'run-history-list' });
  private shownKey = '';

  constructor(private readonly actions: PanelActions) {
    const details = el('details', { className: 'run-history-details' }, this.summary, this.list);
    this.element = el('section', { className: 'run-history panel-box', attrs: { 'aria-label': 'Earlier runs' } }, details);
  }

  /** `shownRunId` is marked as the run on screen; `running` disables Open (the live run keeps the panel). */
  update(history: HistoryEntry[], shownRunId: string | undefined, running: boolean): void {
    setHidden(this.element, !this.actions.connected || history.length === 0);
    setText(this.summary, `Earlier runs (${history.length})`);
    const key = JSON.stringify([history, shownRunId, running]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.list.replaceChildren(...history.map((entry) => this.row(entry, entry.runId === shownRunId, running)));
  }

  private row(entry: HistoryEntry, shown: boolean, running: boolean): HTMLElement {
    const time = runStartedText(entry);
    const mark = stopMark(entry);
    const open = button(shown ? 'Shown' : 'Open', () => this.actions.post({ type: 'openRun', runId: entry.runId }));
    open.disabled = shown || running;
    if (running) open.title = 'Available when the run in progress has finished';
    const exportButton = button('Export…', () => this.actions.post({ type: 'export', runId: entry.runId }));
    return el(
      'li',
      { className: `run-history-row${shown ? ' shown' : ''}`, attrs: { 'data-run-id': entry.runId } },
      el(
        'div',
        { className: 'run-history-text' },
        el('span', { className: 'run-history-when', text: time }),
        mark ? el('span', { className: 'stop-mark', text: mark }) : undefined,
        el('span', { className: 'run-history-label', text: entry.label }),
        el('span', {
          className: 'run-history-figures',
          text: `${formatRate(entry.requestsPerSec)} req/s · p99 ${formatMs(entry.latencyP99)}${entry.failed ? ` · ${formatCount(entry.failed)} failed` : ''}`,
        }),
      ),
      el('div', { className: 'run-history-actions' }, open, exportButton),
    );
  }
}
