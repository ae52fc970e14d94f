// The results panel's host side: one WebviewPanel, opened when a run starts, fed by the run controller's events.
// Nothing is posted before the webview says `ready`; then `init` carries the current run, history and baseline.
// The webview is not kept alive while hidden: it reloads from its saved state and a fresh `init` when shown.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RunResult } from '../shared/result';
import { finishedPanelRun, isWebviewMessage, type HostToWebview, type PanelRun, type WebviewToHost } from '../shared/protocol';
import { PageLoadWatch } from './pageLoadWatch';
import { renderPanelHtml } from './panelHtml';
import { ProgressCoalescer } from './progressCoalescer';
import type { RunController } from './runController';

export const RESULTS_VIEW_TYPE = 'loadTest.results';
const TITLE = 'Load Test Results';
/** workspaceState key: the run picked in "Compare with", so the comparison survives a window reload. */
const BASELINE_KEY = 'loadTest.baselineRunId';
/** The earlier run opened from the history that the panel shows (see ResultsPanel.shownRunId). */
const SHOWN_RUN_KEY = 'loadTest.shownRunId';

export type WebviewMessageHandler = (message: WebviewToHost) => void | Promise<void>;

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private coalescer: ProgressCoalescer | undefined;
  private baseline: { runId: string; result: RunResult } | undefined;
  private handler: WebviewMessageHandler = () => undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the webview (re)loaded and got its `init`. */
  readonly onDidInit = this.readyEmitter.event;
  /** Reloads a page that never said `ready` (see pageLoadWatch.ts). */
  private readonly loadWatch: PageLoadWatch;
  private readonly visibilityEmitter = new vscode.EventEmitter<boolean>();
  /** Fires when the panel was shown, hidden (another tab in front) or closed. */
  readonly onDidChangeVisibility = this.visibilityEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: RunController,
    private readonly workspaceState: vscode.Memento,
    log: Pick<vscode.LogOutputChannel, 'warn' | 'error'>,
  ) {
    this.loadWatch = new PageLoadWatch({
      canLoad: () => !this.ready && (this.panel?.visible ?? false),
      reload: () => {
        if (this.panel) this.panel.webview.html = this.html(this.panel.webview);
      },
      log: (level, message) => log[level](message),
    });
    this.subscriptions.push(
      controller.onDidStart((run) => {
        // A new run takes the panel from an earlier run opened from the history.
        void this.rememberShown(undefined);
        this.coalescer?.dispose();
        this.coalescer = new ProgressCoalescer((progress, kernelSamples) => this.post({ type: 'progress', runId: run.runId, progress, kernelSamples }));
        // A new panel gets the run with `init`; an open one is told and brought to the front, without focus.
        const wasOpen = this.isOpen;
        this.show();
        if (wasOpen) this.post({ type: 'runStarted', run });
      }),
      controller.onDidProgress(({ progress }) => this.coalescer?.push(progress)),
      controller.onDidRequestStop(({ runId }) => this.post({ type: 'runStopping', runId })),
      controller.onDidSampleKernel(({ sample }) => this.coalescer?.pushKernelSample(sample)),
      controller.onDidFinish(({ runId, result }) => {
        this.coalescer?.flush();
        this.coalescer?.dispose();
        this.coalescer = undefined;
        this.post({ type: 'runFinished', runId, result });
      }),
      controller.onDidChangeHistory((history) => this.post({ type: 'history', history })),
    );
  }

  setMessageHandler(handler: WebviewMessageHandler): void {
    this.handler = handler;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get isVisible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens the panel beside the editor without taking focus, or reveals it. */
  show(preserveFocus = true): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      TITLE,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.adopt(panel);
  }

  /** A panel VS Code restored after a window reload (WebviewPanelSerializer). */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel) {
      // Only one results panel: a second restored one is closed rather than left dead.
      panel.dispose();
      return;
    }
    this.adopt(panel);
  }

  /** Closes the panel (the run, if any, goes on). */
  close(): void {
    this.panel?.dispose();
  }

  async setBaseline(runId: string | undefined): Promise<void> {
    const result = runId ? await this.controller.loadFromHistory(runId) : undefined;
    this.baseline = runId && result ? { runId, result } : undefined;
    await this.workspaceState.update(BASELINE_KEY, this.baseline?.runId);
    this.post({ type: 'baseline', baseline: this.baseline?.result, baselineRunId: this.baseline?.runId });
  }

  /** Shows an earlier run from the history in the panel (not while a run is going: that one keeps the panel). */
  async showRun(runId: string): Promise<boolean> {
    if (this.controller.running) return false;
    const result = await this.controller.loadFromHistory(runId);
    if (!result) return false;
    this.post({ type: 'showRun', run: finishedPanelRun(runId, result) });
    await this.rememberShown(runId);
    return true;
  }

  /**
   * The run the panel shows when an earlier one was opened from the history: kept across the panel being hidden
   * (its page is reloaded when shown again and says `ready`) and across a window reload, until a new run starts.
   */
  private shownRunId: string | undefined;

  private async rememberShown(runId: string | undefined): Promise<void> {
    this.shownRunId = runId;
    await this.workspaceState.update(SHOWN_RUN_KEY, runId);
  }

  /** What a page that says `ready` shows: the live run, else the earlier run opened from the history, else the last. */
  async runForInit(): Promise<PanelRun | undefined> {
    if (this.controller.running) return this.controller.panelRun();
    const shown = this.shownRunId ?? this.workspaceState.get<string>(SHOWN_RUN_KEY);
    const result = shown ? await this.controller.loadFromHistory(shown).catch(() => undefined) : undefined;
    return shown && result ? finishedPanelRun(shown, result) : this.controller.panelRun();
  }

  /** The baseline picked before a window reload, read back once. */
  private async savedBaseline(): Promise<{ runId: string; result: RunResult } | undefined> {
    if (this.baseline) return this.baseline;
    const runId = this.workspaceState.get<string>(BASELINE_KEY);
    const result = runId ? await this.controller.loadFromHistory(runId).catch(() => undefined) : undefined;
    if (runId && result) this.baseline = { runId, result };
    return this.baseline;
  }

  dispose(): void {
    this.loadWatch.clear();
    this.coalescer?.dispose();
    this.panel?.dispose();
    this.readyEmitter.dispose();
    this.visibilityEmitter.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // Only our own bundle and media; no retainContextWhenHidden (the webview restores from setState + init).
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'out'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    const disposables: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      // A hidden webview is torn down; it posts `ready` again when shown.
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) {
          this.ready = false;
          this.loadWatch.clear();
        } else if (!this.ready) {
          this.loadWatch.expectReady();
        }
        this.visibilityEmitter.fire(webviewPanel.visible);
      }),
      panel.onDidDispose(() => {
        // Closing the panel does not stop the run; "Show results" opens it again, live.
        this.panel = undefined;
        this.ready = false;
        this.loadWatch.clear();
        disposables.forEach((d) => d.dispose());
        this.visibilityEmitter.fire(false);
      }),
    ];
    panel.webview.html = this.html(panel.webview);
    this.loadWatch.expectReady();
  }

  private html(webview: vscode.Webview): string {
    const out = vscode.Uri.joinPath(this.extensionUri, 'out');
    return renderPanelHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'webview.css')).toString(),
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      title: TITLE,
    });
  }

  /** A message from the page (anything: it is checked first). The extension-host tests post through here too. */
  async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.loadWatch.ready();
      const history = await this.controller.historyEntries().catch(() => []);
      const baseline = await this.savedBaseline();
      this.post({ type: 'init', run: await this.runForInit(), history, baseline: baseline?.result, baselineRunId: baseline?.runId });
      this.readyEmitter.fire();
      return;
    }
    await this.handler(message);
  }

  /** Never awaited: a slow webview must not hold up the run. */
  private post(message: HostToWebview): void {
    if (!this.panel || !this.ready) return;
    void this.panel.webview.postMessage(message);
  }
}
