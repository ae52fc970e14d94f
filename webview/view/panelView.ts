// The whole panel: built once, then updated in place from the model on each animation frame.
import { formatMs } from '../../src/shared/formatNumbers';
import type { SeriesPoint } from '../../src/shared/result';
import type { KernelSample } from '../../src/shared/findings';
import { chartKernelSamples, chartSeries, comparisonBaseline, type PanelModel } from '../model/panelModel';
import { comparisonNote } from '../model/comparisonNote';
import { figuresFromProgress, figuresFromResult, type SummaryFigures } from '../model/summaryFigures';
import { synRetransmitScheduleOf } from '../../src/shared/synRetransmitSchedule';
import type { ThemeColors } from '../theme/themeColors';
import { ThroughputChart } from '../charts/throughputChart';
import { LatencyPercentilesChart } from '../charts/latencyPercentilesChart';
import { createLatencyDistributionChart } from '../charts/latencyDistributionChart';
import { ConnectTimeChart } from '../charts/connectTimeChart';
import { StatusCodesChart } from '../charts/statusCodesChart';
import { KernelCountersChart } from '../charts/kernelCountersChart';
import type { DistributionBarChart } from '../charts/distributionBarChart';
import { el, setHidden, setText } from './dom';
import { PanelHeader, runStatusOf } from './header';
import { RunHistoryList } from './runHistoryList';
import { livePhase } from '../model/livePhase';
import { SummaryView } from './summary';
import { FindingsView } from './findingsView';
import { HistoryView } from './historyView';
import { RunNotices } from './runNotices';
import { ErrorsTable } from './errorsTable';
import { createEmptyState } from './emptyState';
import { createChartCard, type ChartCard } from './chartCard';
import type { PanelActions } from './panelActions';
import { diagnosisCoverage } from '../../src/shared/notChecked';

interface Charts {
  throughput: ThroughputChart;
  kernel: KernelCountersChart;
  percentiles: LatencyPercentilesChart;
  latencyDistribution: DistributionBarChart;
  connectTime: ConnectTimeChart;
  statusCodes: StatusCodesChart;
}

/** What the view changes in the model itself, without waiting for the host. */
export interface LocalActions {
  pickBaseline(runId: string | undefined): void;
  /** The Stop button was clicked: show "Stopping…" now. */
  markStopping(): void;
}

export class PanelView {
  private readonly header: PanelHeader;
  private readonly history: HistoryView;
  private readonly runHistory: RunHistoryList;
  private readonly body: HTMLElement;
  private readonly notices = new RunNotices();
  private readonly summary = new SummaryView();
  /** Above the cards: the baseline is not the same test (comparisonNote.ts). */
  private readonly compareNote = el('p', { className: 'notice notice-warning compare-note', attrs: { role: 'note' } });
  private readonly findings: FindingsView;
  private readonly errorsTable = new ErrorsTable();
  private readonly emptyState = createEmptyState();
  private readonly results: HTMLElement;
  private readonly chartGrid: HTMLElement;
  private readonly cards: Record<keyof Charts, ChartCard>;
  private charts: Charts | undefined;

  constructor(root: HTMLElement, actions: PanelActions, private theme: ThemeColors, local: LocalActions) {
    this.header = new PanelHeader(actions, () => local.markStopping());
    this.history = new HistoryView(actions, (runId) => local.pickBaseline(runId));
    this.runHistory = new RunHistoryList(actions);
    this.header.toolbar.append(this.history.element);
    this.findings = new FindingsView(actions);
    this.cards = {
      throughput: createChartCard('throughput', 'Throughput and errors', 'Requests per second and failed requests per second by cause, over time', true),
      kernel: createChartCard('kernel', 'Kernel TCP counters and accept queue', 'Kernel TCP counters since the start of the run and the accept queue length against its capacity, over time', true),
      percentiles: createChartCard('percentiles', 'Latency percentiles over time', 'Latency p50, p90 and p99 over time', true),
      latencyDistribution: createChartCard('latency-distribution', 'Latency distribution', 'Histogram of request latency, log-spaced buckets', false),
      connectTime: createChartCard('connect-time', 'Connect time, with SYN retransmit times', 'Histogram of TCP connect times with the kernel SYN retransmit times marked', false),
      statusCodes: createChartCard('status-codes', 'Status codes', 'Responses by HTTP status code and requests without a response', false),
    };
    this.chartGrid = el(
      'div',
      { className: 'chart-grid' },
      this.cards.throughput.element,
      this.cards.kernel.element,
      this.cards.percentiles.element,
      this.cards.latencyDistribution.element,
      this.cards.connectTime.element,
      this.cards.statusCodes.element,
      // Next to the status codes: together they account for every request.
      this.errorsTable.element,
    );
    // Charts beside the findings on a wide panel; one column on a narrow one, where the CSS orders them by phase:
    // charts first while the run goes on, the findings first once it is diagnosed.
    this.body = el(
      'div',
      { className: 'results-body' },
      el('div', { className: 'results-main' }, this.chartGrid),
      el('aside', { className: 'results-aside' }, this.findings.element),
    );
    this.results = el('div', { className: 'results' }, this.compareNote, this.summary.element, this.body);
    root.replaceChildren(this.header.element, this.notices.element, this.emptyState, this.results, this.runHistory.element);
  }

  render(model: PanelModel): void {
    const run = model.run;
    const phase = livePhase(model);
    this.header.update(run, phase);
    this.history.update(model.history, run?.runId, model.comparedRunId);
    this.runHistory.update(model.history, run?.runId, phase !== undefined);
    this.notices.update(run?.result);
    setHidden(this.emptyState, Boolean(run));
    const failedToStart = run ? runStatusOf(run).kind === 'failed' : false;
    setHidden(this.results, !run || failedToStart);
    this.results.dataset.phase = phase ? 'live' : 'done';
    this.findings.update(run?.runId, run?.preflight ?? [], run?.result?.findings, phase !== undefined, run?.result?.kernel);
    if (!run || failedToStart) return;

    const figures = run.result ? figuresFromResult(run.result) : run.progress ? figuresFromProgress(run.progress, model.livePoints) : undefined;
    const baseline = comparisonBaseline(model);
    const baselineFigures: SummaryFigures | undefined = baseline ? figuresFromResult(baseline) : undefined;
    if (figures) this.summary.update(figures, baselineFigures, run.status === 'running');
    const note = baseline ? comparisonNote({ url: run.result?.target.url ?? run.options.url, options: run.result?.options ?? run.options }, baseline) : undefined;
    setText(this.compareNote, note ?? '');
    setHidden(this.compareNote, note === undefined);
    this.errorsTable.update(run.result?.errors);
    this.updateCharts(model);
  }

  applyTheme(theme: ThemeColors): void {
    this.theme = theme;
    if (!this.charts) return;
    for (const chart of Object.values(this.charts)) chart.applyTheme(theme);
  }

  private updateCharts(model: PanelModel): void {
    const run = model.run;
    if (!run) return;
    const charts = (this.charts ??= this.createCharts());
    const series = chartSeries(model);
    const samples = chartKernelSamples(model);
    const baselineSeries = comparisonBaseline(model)?.series;
    const xMaxSec = timeAxisMaxSec(model, series, samples);

    charts.throughput.update({ series, baselineSeries, xMaxSec });
    charts.percentiles.update({ series, baselineSeries, xMaxSec });
    // Fewer than two points (a run stopped within its first second or so) make no line to draw.
    const tooShort = run.status !== 'running' && series.length < 2;
    const durationMs = run.result?.durationMs ?? 0;
    for (const card of [this.cards.throughput, this.cards.percentiles]) {
      setHidden(card.canvas.parentElement!, tooShort);
      card.note.textContent = tooShort ? `The run lasted ${formatMs(durationMs)}: too short to draw over time. The figures above cover all of it.` : '';
      setHidden(card.note, !tooShort);
    }
    charts.kernel.update({ samples, xMaxSec });
    const kernelNote = this.cards.kernel.note;
    const noSamples = samples.length === 0;
    const blind = diagnosisCoverage(run.result?.kernel).notChecked.length > 0;
    const none = `No kernel counters were sampled during this run${blind ? ' (see "Not checked" under the findings)' : ''}.`;
    kernelNote.textContent = noSamples ? (run.status === 'running' ? 'Waiting for the first kernel sample…' : none) : '';
    setHidden(kernelNote, !noSamples);
    // After the run, no samples means nothing to draw: the note alone, not an empty 0–1 frame above it.
    setHidden(this.cards.kernel.canvas.parentElement!, noSamples && run.status !== 'running');

    const distributions = run.result?.distributions ?? run.progress?.distributions;
    charts.latencyDistribution.update(distributions?.total ?? []);
    charts.connectTime.update(distributions?.connect ?? [], synRetransmitScheduleOf(run.result?.kernel));
    const statusCodes = run.result?.statusCodes ?? run.progress?.statusCodes ?? {};
    const failed = run.result?.requests.failed ?? run.progress?.requests.failed ?? 0;
    charts.statusCodes.update({ statusCodes, failed });
  }

  private createCharts(): Charts {
    const t = this.theme;
    return {
      throughput: new ThroughputChart(this.cards.throughput.canvas, t),
      kernel: new KernelCountersChart(this.cards.kernel.canvas, t),
      percentiles: new LatencyPercentilesChart(this.cards.percentiles.canvas, t),
      latencyDistribution: createLatencyDistributionChart(this.cards.latencyDistribution.canvas, t),
      connectTime: new ConnectTimeChart(this.cards.connectTime.canvas, t),
      statusCodes: new StatusCodesChart(this.cards.statusCodes.canvas, t),
    };
  }
}

/**
 * One time range for all over-time charts so they line up. While a timed run is going, the axis already spans the
 * planned duration: the lines grow into it instead of the axis rescaling several times a second.
 */
export function timeAxisMaxSec(model: PanelModel, series: SeriesPoint[], samples: KernelSample[]): number {
  const lastMs = (list: Array<{ tMs: number }> | undefined) => (list?.length ? list[list.length - 1].tMs : 0);
  const run = model.run;
  let maxMs = Math.max(lastMs(series), lastMs(samples), lastMs(model.baseline?.series), run?.result?.durationMs ?? 0);
  if (run?.status === 'running' && run.options.durationMs !== undefined) maxMs = Math.max(maxMs, run.options.durationMs);
  return Math.max(1, Math.ceil(maxMs / 1000));
}
