// Findings inline: what was found, the numbers behind it and where they were read, and fixes to copy or run.
import { cleanVerdict, diagnosisCoverage } from '../../src/shared/notChecked';
import type { Finding, Fix, KernelReport } from '../../src/shared/findings';
import { button, el, withInlineCode } from './dom';
import type { PanelActions } from './panelActions';

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export class FindingsView {
  readonly element: HTMLElement;
  private readonly list = el('div', { className: 'findings-list' });
  private readonly heading = el('h2', { text: 'Findings' });
  /** Under the findings: what the diagnosis could not see, so no list reads as a clean bill it is not. */
  private readonly coverage = el('div', { className: 'not-checked', attrs: { 'aria-label': 'Not checked' } });
  /** Rebuilding on every progress tick would steal focus from a button being tabbed to; only rebuild on change. */
  private shownKey = '';
  /** The run whose findings are shown: the host looks a fix up in that run, not in whichever finished last. */
  private runId: string | undefined;
  private openPreflight = true;
  private firstErrorOpened = false;

  constructor(private readonly actions: PanelActions) {
    this.element = el('section', { className: 'findings', attrs: { 'aria-label': 'Findings' } }, this.heading, this.list, this.coverage);
  }

  /**
   * `live`: a run is going, so the charts are what to watch: every finding shows as one title line, opened on a
   * click. Afterwards the first error opens, with its evidence and fixes: it is the answer to "what went wrong".
   * `kernel` is the finished run's kernel report (undefined while running): its blind spots go under the findings.
   */
  update(runId: string | undefined, preflight: Finding[], diagnosis: Finding[] | undefined, live: boolean, kernel?: Pick<KernelReport, 'blindSpots'>): void {
    this.runId = runId;
    const diagnosedIds = new Set((diagnosis ?? []).map((f) => f.id));
    // A preflight finding that the diagnosis confirmed is shown once, with the diagnosis' evidence.
    const before = preflight.filter((f) => !diagnosedIds.has(f.id));
    const key = JSON.stringify([runId, before, diagnosis ?? null, kernel?.blindSpots ?? null, this.actions.connected, live]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    // After a run without a diagnosis, the preflight findings are all there is: the first opens.
    this.openPreflight = !live && !diagnosis?.length;
    this.firstErrorOpened = false;
    this.list.replaceChildren();
    this.renderCoverage(diagnosis, kernel);
    const { notChecked, caveats } = diagnosisCoverage(kernel);
    this.element.hidden = before.length === 0 && (diagnosis?.length ?? 0) === 0 && notChecked.length + caveats.length === 0;
    if (diagnosis?.length) {
      this.list.append(...diagnosis.map((f) => this.renderFinding(f, 'diagnosis')));
    }
    if (before.length) {
      this.list.append(el('h3', { className: 'findings-group', text: 'Checked before the run' }), ...before.map((f) => this.renderFinding(f, 'preflight')));
    }
  }

  private renderCoverage(diagnosis: Finding[] | undefined, kernel: Pick<KernelReport, 'blindSpots'> | undefined): void {
    const { notChecked, caveats } = diagnosisCoverage(kernel);
    this.coverage.replaceChildren();
    this.coverage.hidden = notChecked.length + caveats.length === 0;
    if (this.coverage.hidden) return;
    if (diagnosis && diagnosis.length === 0) this.coverage.append(el('p', { className: 'not-checked-verdict', text: cleanVerdict(kernel) }));
    if (notChecked.length > 0) {
      this.coverage.append(
        el('p', { className: 'not-checked-heading', text: 'Not checked' }),
        el('ul', { className: 'not-checked-list' }, ...notChecked.map((b) => el('li', { text: b.text, attrs: { 'data-blind-spot': b.id } }))),
      );
    }
    for (const c of caveats) this.coverage.append(el('p', { className: 'not-checked-caveat', text: c.text, attrs: { 'data-blind-spot': c.id } }));
  }

  private renderFinding(finding: Finding, origin: 'diagnosis' | 'preflight'): HTMLElement {
    // One finding starts open (the first error of the diagnosis, or the first preflight one when there is no
    // diagnosis); the rest are a list of titles, so the charts stay within reach. <details> keeps them
    // keyboard-operable without any script.
    const details = el('details', { className: 'finding-details' });
    const opens = origin === 'diagnosis' ? finding.severity === 'error' && !this.firstErrorOpened : this.openPreflight && !this.firstErrorOpened;
    if (opens) this.firstErrorOpened = true;
    details.open = opens;
    details.append(
      el(
        'summary',
        { className: 'finding-title' },
        el(
          'span',
          { className: 'finding-title-inner' },
          // The shape carries the severity for sighted users; the hidden word for screen readers.
          el('span', { className: `severity-shape ${finding.severity}`, attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'visually-hidden', text: `${SEVERITY_WORD[finding.severity]}: ` }),
          el('h3', { text: finding.title }),
        ),
      ),
      el('p', { className: 'finding-explanation' }, ...withInlineCode(finding.explanation)),
    );
    if (finding.evidence.length) details.append(this.renderEvidence(finding));
    if (finding.fixes.length) {
      details.append(el('h4', { className: 'fixes-heading', text: finding.fixes.length === 1 ? 'Fix' : 'Fixes' }), ...finding.fixes.map((fix, index) => this.renderFix(fix, finding.id, index)));
    }
    if (this.actions.connected && finding.subjects?.some((s) => s.kind === 'listen-backlog')) {
      details.append(
        el('div', { className: 'finding-actions' }, button('Open where the backlog is set', () => this.actions.post({ type: 'openBacklogSource', findingId: finding.id, runId: this.runId }))),
      );
    }
    return el('article', { className: `finding severity-${finding.severity}`, attrs: { 'data-finding-id': finding.id, 'data-origin': origin } }, details);
  }

  private renderEvidence(finding: Finding): HTMLElement {
    const rows = finding.evidence.map((e) =>
      el('tr', {}, el('th', { text: e.label, attrs: { scope: 'row' } }), el('td', { className: 'evidence-value', text: String(e.value) }), el('td', { className: 'evidence-source', text: e.source })),
    );
    return el(
      'table',
      { className: 'evidence' },
      el('caption', { className: 'visually-hidden', text: `Evidence for ${finding.title}` }),
      el('thead', {}, el('tr', {}, el('th', { text: 'Evidence', attrs: { scope: 'col' } }), el('th', { text: 'Value', attrs: { scope: 'col' } }), el('th', { text: 'Read from', attrs: { scope: 'col' } }))),
      el('tbody', {}, ...rows),
    );
  }

  private renderFix(fix: Fix, findingId: string, fixIndex: number): HTMLElement {
    const box = el('div', { className: `fix fix-${fix.kind}` }, el('div', { className: 'fix-title', text: fix.title }));
    if (fix.detail) box.append(el('p', { className: 'fix-detail' }, ...withInlineCode(fix.detail)));
    if (fix.command) {
      const command = fix.command;
      box.append(
        codeBlock(command, 'fix-command'),
        el(
          'div',
          { className: 'fix-actions' },
          button('Copy', () => this.actions.copy(command)),
          this.actions.connected ? button('Run in terminal', () => this.actions.post({ type: 'runInTerminal', findingId, fixIndex, runId: this.runId })) : undefined,
        ),
      );
    }
    if (fix.snippet) {
      const snippet = fix.snippet;
      box.append(codeBlock(snippet, 'fix-snippet'), el('div', { className: 'fix-actions' }, button('Copy', () => this.actions.copy(snippet))));
    }
    if (fix.persistent) {
      const { file, content } = fix.persistent;
      box.append(
        el('p', { className: 'fix-persistent-label' }, 'To keep it after a reboot, put this in ', el('code', { text: file }), ':'),
        codeBlock(content, 'fix-persistent'),
        el('div', { className: 'fix-actions' }, button('Copy', () => this.actions.copy(content))),
      );
    }
    return box;
  }
}

function codeBlock(text: string, className: string): HTMLElement {
  return el('pre', { className: `code ${className}` }, el('code', { text }));
}
