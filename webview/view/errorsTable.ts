// Failed requests by cause and phase, with the first message seen for each so the user recognises it.
import type { RunResult } from '../../src/shared/result';
import { formatCount } from '../../src/shared/formatNumbers';
import { errorCauseWords, errorMessageWords, errorPhaseWords } from '../../src/shared/errorWords';
import { el } from './dom';

export class ErrorsTable {
  readonly element: HTMLElement;
  private readonly body = el('tbody');
  private shownKey = '';

  constructor() {
    this.element = el(
      'section',
      { className: 'errors panel-box', attrs: { 'aria-label': 'Errors by cause' } },
      el('h2', { text: 'Errors by cause and phase' }),
      el(
        'div',
        { className: 'table-scroll' },
        el(
          'table',
          { className: 'errors-table' },
          el('thead', {}, el('tr', {}, ...['Cause', 'While', 'Count', 'First message'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))),
          this.body,
        ),
      ),
    );
  }

  update(errors: RunResult['errors'] | undefined): void {
    const detail = errors?.detail ?? [];
    const key = JSON.stringify(detail);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.element.hidden = detail.length === 0;
    const rows = [...detail].sort((a, b) => b.count - a.count).map((d) =>
      el(
        'tr',
        { attrs: { 'data-cause': d.cause } },
        el('td', { text: errorCauseWords(d.cause) }),
        el('td', { text: errorPhaseWords(d.phase) }),
        el('td', { className: 'num', text: formatCount(d.count) }),
        el('td', { className: 'error-example', text: errorMessageWords(d.example) }),
      ),
    );
    this.body.replaceChildren(...rows);
  }
}
