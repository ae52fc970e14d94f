// Plain-language notices about the run itself: why it failed to start or stopped, and the engine's and the kernel
// probe's notes (e.g. "dmesg needs root"). Shown above the numbers so they are not missed.
import type { RunResult } from '../../src/shared/result';
import { el } from './dom';

export class RunNotices {
  readonly element = el('section', { className: 'notices', attrs: { 'aria-label': 'Notices' } });
  private shownKey = '';

  update(result: RunResult | undefined): void {
    const key = result ? JSON.stringify([result.stopReason, result.stopMessage, result.requests.started, result.warnings, result.kernel?.notes]) : '';
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.element.replaceChildren();
    if (!result) {
      this.element.hidden = true;
      return;
    }
    if (result.stopReason === 'error') {
      const failedToStart = result.requests.started === 0;
      this.element.append(
        el(
          'div',
          { className: 'notice notice-error', attrs: { role: 'alert' } },
          el('strong', { text: failedToStart ? 'The load test could not start.' : 'The load test stopped early because of an error.' }),
          el('p', { className: 'stop-message', text: result.stopMessage ?? 'No reason was given.' }),
        ),
      );
    } else if (result.stopReason === 'cancelled') {
      this.element.append(el('div', { className: 'notice notice-info' }, el('strong', { text: 'Cancelled.' }), ' The numbers cover the run up to the stop.'));
    }
    const notes = [...result.warnings, ...(result.kernel?.notes ?? [])];
    if (notes.length) this.element.append(el('ul', { className: 'notice notice-warning' }, ...notes.map((n) => el('li', { text: n }))));
    this.element.hidden = this.element.childElementCount === 0;
  }
}
