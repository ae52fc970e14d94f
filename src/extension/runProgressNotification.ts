// A cancellable progress notification for each run: live numbers, and Cancel stops the run (keeping the result).
import * as vscode from 'vscode';
import { formatCount, formatRate } from '../shared/formatNumbers';
import type { RunController } from './runController';

export function showRunProgressNotifications(controller: RunController): vscode.Disposable {
  return controller.onDidStart((run) => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Load testing ${run.options.url}`, cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
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
            controller.onDidFinish((finished) => {
              if (finished.runId !== run.runId) return;
              subscriptions.forEach((s) => s.dispose());
              resolve();
            }),
          ];
        }),
    );
  });
}
