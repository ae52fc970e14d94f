// The header: what is being tested and how, where the run stands, and the run's actions.
import type { ExportFormat, PanelRun } from '../../src/shared/protocol';
import { describeRunOptions } from '../../src/shared/runOptionsText';
import { formatCount, formatMs } from '../../src/shared/formatNumbers';
import type { LivePhase } from '../model/livePhase';
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

/** The export buttons, in the order shown; each posts its format. More formats are one line here. */
const EXPORT_BUTTONS: Array<{ label: string; format: ExportFormat; title: string }> = [
  { label: 'HTML', format: 'html', title: 'A report with these charts and findings, one file that opens in a browser' },
  { label: 'JSON', format: 'json', title: 'The whole result, as the CLI --json writes it' },
  { label: 'CSV', format: 'csv', title: 'The time series, one row a second' },
  // The same test for other tools, to run against staging or from many machines (thresholds from this run).
  { label: 'k6', format: 'k6', title: 'The same test as a k6 script, thresholds 20% above this run' },
  { label: 'Locust', format: 'locust', title: 'The same test as a Locust file, thresholds 20% above this run' },
];

/** What the status badge and the line beside it say while a run is live. */
export function liveStatusText(phase: LivePhase, elapsedMs: number | undefined): { badge: string; detail: string } {
  const elapsed = elapsedMs === undefined ? '' : `${formatMs(elapsedMs)} elapsed`;
  switch (phase.kind) {
    case 'running':
      return { badge: 'Running', detail: elapsed };
    case 'stopping':
      return { badge: 'Stopping…', detail: 'stopping the load; every number so far is kept' };
    case 'finishing':
      return { badge: 'Finishing…', detail: "load done; reading the kernel's counters" };
    case 'waiting': {
      const n = phase.requests;
      const seconds = Math.ceil(phase.atMostMs / 1000);
      const until = seconds > 0 ? `at most ${seconds} s more` : 'timing them out now';
      return { badge: 'Waiting', detail: `every request sent; waiting for ${formatCount(n)} still in flight, ${until}` };
    }
  }
}

export class PanelHeader {
  readonly element: HTMLElement;
  private readonly url = el('span', { className: 'target-url' });
  private readonly options = el('p', { className: 'options-summary' });
  private readonly status = el('span', { className: 'status-badge', attrs: { role: 'status' } });
  private readonly progress = el('progress', { className: 'run-progress', attrs: { max: '1', 'aria-label': 'Run progress' } });
  private readonly elapsed = el('span', { className: 'elapsed', attrs: { 'aria-live': 'polite' } });
  private readonly stop: HTMLButtonElement;
  private readonly runAgain: HTMLButtonElement;
  private readonly exportGroup: HTMLElement;
  private readonly copyCommand: HTMLButtonElement;
  private shownRunId: string | undefined;
  /** The compare select lives in the toolbar, next to the actions; the history view owns it. */
  readonly toolbar: HTMLElement;

  /** `onStop` runs before the message is posted: the panel shows "Stopping…" at once, not when the host answers. */
  constructor(private readonly actions: PanelActions, onStop: () => void) {
    this.stop = button('Stop', () => {
      onStop();
      actions.post({ type: 'stop' });
    }, 'primary stop');
    this.runAgain = button('Run again', () => actions.post({ type: 'runAgain' }), 'primary');
    this.exportGroup = el(
      'span',
      { className: 'export-group', attrs: { role: 'group', 'aria-label': 'Export' } },
      el('span', { className: 'group-label', text: 'Export' }),
      ...EXPORT_BUTTONS.map(({ label, format, title }) => {
        const b = button(label, () => actions.post({ type: 'export', format, runId: this.shownRunId }));
        b.title = title;
        b.dataset.format = format;
        return b;
      }),
    );
    this.copyCommand = button('Copy CLI command', () => actions.post({ type: 'copyCliCommand', runId: this.shownRunId }));
    this.copyCommand.title = 'Copy the load-test-localhost command line of this run, to repeat it in a terminal or CI';
    this.toolbar = el('div', { className: 'toolbar' }, this.runAgain, this.exportGroup, this.copyCommand);
    this.element = el(
      'header',
      { className: 'panel-header' },
      el('div', { className: 'title-row' }, el('h1', { text: 'Load test' }), this.url),
      this.options,
      el('div', { className: 'status-row' }, this.status, this.progress, this.elapsed, this.stop),
      this.toolbar,
    );
  }

  /** `phase` is set while the run is live. */
  update(run: PanelRun | undefined, phase: LivePhase | undefined): void {
    const connected = this.actions.connected;
    this.shownRunId = run?.runId;
    if (!run) {
      setHidden(this.toolbar, true);
      setHidden(this.stop, true);
      setText(this.url, '');
      setText(this.options, '');
      setHidden(this.status.parentElement as HTMLElement, true);
      return;
    }
    setHidden(this.status.parentElement as HTMLElement, false);
    setText(this.url, run.result?.target.url ?? run.options.url);
    setText(this.options, describeRunOptions(run.options));
    const running = phase !== undefined;
    setHidden(this.toolbar, !connected || running);
    setHidden(this.progress, !running);
    if (phase) {
      const fraction = run.progress?.fraction;
      // No fraction (no count or duration): an indeterminate bar, which <progress> shows without a value.
      if (fraction === undefined) this.progress.removeAttribute('value');
      else this.progress.value = Math.min(1, Math.max(0, fraction));
      const text = liveStatusText(phase, run.progress?.elapsedMs);
      setText(this.status, text.badge);
      this.status.dataset.kind = phase.kind;
      setText(this.elapsed, text.detail);
      // While it waits for stalled requests, stopping ends the wait: those are counted as in flight.
      setText(this.stop, phase.kind === 'waiting' ? 'Stop now' : 'Stop');
      setHidden(this.stop, !connected || phase.kind === 'stopping' || phase.kind === 'finishing');
    } else {
      const status = runStatusOf(run);
      setText(this.status, status.label);
      this.status.dataset.kind = status.kind;
      const elapsedMs = run.result?.durationMs;
      const started = run.result ? startedAtText(run.result.startedAt) : '';
      setText(this.elapsed, elapsedMs === undefined ? '' : `took ${formatMs(elapsedMs)}${started ? ` · started ${started}` : ''}`);
      setHidden(this.stop, true);
    }
    setHidden(this.exportGroup, running || !run.result);
    setHidden(this.copyCommand, running || !run.result);
  }
}

/** A saved report is read later: say when the run happened. */
function startedAtText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
