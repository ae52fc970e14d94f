// The header: what is being tested and how, where the run stands, and the run's actions.
import type { PanelRun } from '../../src/shared/protocol';
import { describeRunOptions } from '../../src/shared/runOptionsText';
import { formatMs } from '../../src/shared/formatNumbers';
import { button, el, setHidden, setText } from './dom';
import type { PanelActions } from './panelActions';

export type RunStatusKind = 'running' | 'finished' | 'cancelled' | 'failed' | 'error';

/** How the run ended, in the words the header shows. */
export function runStatusOf(run: PanelRun): { kind: RunStatusKind; label: string } {
  const result = run.result;
  if (run.status === 'running' || !result) return { kind: 'running', label: 'Running' };
  if (result.stopReason === 'cancelled') return { kind: 'cancelled', label: 'Cancelled' };
  if (result.stopReason === 'error') {
    return result.requests.started === 0 ? { kind: 'failed', label: 'Failed to start' } : { kind: 'error', label: 'Stopped by an error' };
  }
  return { kind: 'finished', label: 'Finished' };
}

export class PanelHeader {
  readonly element: HTMLElement;
  private readonly url = el('span', { className: 'target-url' });
  private readonly options = el('p', { className: 'options-summary' });
  private readonly status = el('span', { className: 'status-badge', attrs: { role: 'status' } });
  private readonly progress = el('progress', { className: 'run-progress', attrs: { max: '1', 'aria-label': 'Run progress' } });
  private readonly elapsed = el('span', { className: 'elapsed' });
  private readonly stop: HTMLButtonElement;
  private readonly runAgain: HTMLButtonElement;
  private readonly exportGroup: HTMLElement;
  private readonly copyCommand: HTMLButtonElement;
  /** The compare select lives in the toolbar, next to the actions; the history view owns it. */
  readonly toolbar: HTMLElement;

  constructor(private readonly actions: PanelActions) {
    this.stop = button('Stop', () => actions.post({ type: 'stop' }), 'primary stop');
    this.runAgain = button('Run again', () => actions.post({ type: 'runAgain' }), 'primary');
    this.exportGroup = el(
      'span',
      { className: 'export-group', attrs: { role: 'group', 'aria-label': 'Export' } },
      el('span', { className: 'group-label', text: 'Export' }),
      button('JSON', () => actions.post({ type: 'export', format: 'json' })),
      button('CSV', () => actions.post({ type: 'export', format: 'csv' })),
      button('HTML', () => actions.post({ type: 'export', format: 'html' })),
      // The same test for other tools, to run against staging or from many machines (thresholds from this run).
      button('k6', () => actions.post({ type: 'export', format: 'k6' })),
      button('Locust', () => actions.post({ type: 'export', format: 'locust' })),
    );
    this.copyCommand = button('Copy CLI command', () => actions.post({ type: 'copyCliCommand' }));
    this.copyCommand.title = 'Copy the load-test-localhost command line of this run, to repeat it in a terminal or CI';
    this.toolbar = el('div', { className: 'toolbar' }, this.stop, this.runAgain, this.exportGroup, this.copyCommand);
    this.element = el(
      'header',
      { className: 'panel-header' },
      el('div', { className: 'title-row' }, el('h1', { text: 'Load test' }), this.url),
      this.options,
      el('div', { className: 'status-row' }, this.status, this.progress, this.elapsed),
      this.toolbar,
    );
  }

  update(run: PanelRun | undefined): void {
    const connected = this.actions.connected;
    setHidden(this.toolbar, !connected);
    if (!run) {
      setText(this.url, '');
      setText(this.options, '');
      setHidden(this.status.parentElement as HTMLElement, true);
      return;
    }
    setHidden(this.status.parentElement as HTMLElement, false);
    setText(this.url, run.result?.target.url ?? run.options.url);
    setText(this.options, describeRunOptions(run.options));
    const status = runStatusOf(run);
    setText(this.status, status.label);
    this.status.dataset.kind = status.kind;
    const running = status.kind === 'running';
    setHidden(this.progress, !running);
    if (running) {
      const fraction = run.progress?.fraction;
      // No fraction (no count or duration): an indeterminate bar, which <progress> shows without a value.
      if (fraction === undefined) this.progress.removeAttribute('value');
      else this.progress.value = Math.min(1, Math.max(0, fraction));
    }
    const elapsedMs = run.result?.durationMs ?? run.progress?.elapsedMs;
    const started = run.result ? startedAtText(run.result.startedAt) : '';
    setText(this.elapsed, elapsedMs === undefined ? '' : running ? `${formatMs(elapsedMs)} elapsed` : `took ${formatMs(elapsedMs)}${started ? ` · started ${started}` : ''}`);
    setHidden(this.stop, !running);
    setHidden(this.runAgain, running);
    setHidden(this.exportGroup, running || !run.result);
    setHidden(this.copyCommand, running || !run.result);
  }
}

/** A saved report is read later: say when the run happened. */
function startedAtText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
