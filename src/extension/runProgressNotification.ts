// A cancellable progress notification for a run while the results panel is not visible: live numbers, and Cancel
// stops the run (keeping the result). While the panel is visible it shows the progress itself (and the status bar
// does), so no toast covers its lower right; hiding the panel mid-run brings the notification back.
import * as vscode from 'vscode';
import { formatCount, formatRate } from '../shared/formatNumbers';
import type { PanelRun } from '../shared/protocol';
import type { RunController } from './runController';

export interface PanelVisibility {
  readonly isVisible: boolean;
  readonly onDidChangeVisibility: vscode.Event<boolean>;
}

export function showRunProgressNotifications(controller: RunController, panel: PanelVisibility): vscode.Disposable {
  let current: { runId: string; close(): void } | undefined;
  const closeCurrent = () => {
    current?.close();
    current = undefined;
  };
  let active: PanelRun | undefined;
  const update = () => {
    if (!active || panel.isVisible) closeCurrent();
    else if (!current || current.runId !== active.runId) {
      closeCurrent();
      current = notify(controller, active);
    }
  };
  return vscode.Disposable.from(
    controller.onDidStart((run) => {
      active = run;
      update();
    }),
    controller.onDidFinish(() => {
      active = undefined;
      update();
    }),
    panel.onDidChangeVisibility(update),
    { dispose: closeCurrent },
  );
}

function notify(controller: RunController, run: PanelRun): { runId: string; close(): void } {
  let close = () => undefined as void;
  const closed = new Promise<void>((resolve) => {
    close = resolve;
  });
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Load testing ${run.options.url}`, cancellable: true },
    (progress, token) => {
      let reported = 0;
      let lastReport = 0;
      const subscriptions = [
        token.onCancellationRequested(() => controller.stop()),
        controller.onDidProgress((event) => {
          if (event.runId !== run.runId || Date.now() - lastReport < 500) return;
          lastReport = Date.now();
          const p = event.progress;
          const percent = p.fraction !== undefined ? Math.floor(p.fraction * 100) : undefined;
          const increment = percent !== undefined ? Math.max(0, percent - reported) : undefined;
          if (percent !== undefined) reported = Math.max(reported, percent);
          const failed = p.requests.failed > 0 ? ` · ${formatCount(p.requests.failed)} failed` : '';
          progress.report({ message: `${formatRate(p.requestsPerSec)} req/s · ${formatCount(p.requests.ok)} ok${failed}`, increment });
        }),
      ];
      return closed.finally(() => subscriptions.forEach((s) => s.dispose()));
    },
  );
  return { runId: run.runId, close };
}
