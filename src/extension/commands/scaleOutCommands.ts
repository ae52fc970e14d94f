// The commands that take a run beyond this machine and back: "Copy as CLI command" (repeat it in a terminal or CI),
// "Export a past run..." (any format, k6 and Locust included) and "Import k6 or Locust results" into history.
import * as vscode from 'vscode';
import { importResultText, MAX_IMPORT_BYTES } from '../../importResults/importResultFile';
import { UsageError } from '../../engine/loadOptions';
import { summarizeRun } from '../../report/runSummary';
import { cliCommandLine } from '../../shared/cliCommandLine';
import { formatMs, formatRate } from '../../shared/formatNumbers';
import type { RunResult } from '../../shared/result';
import { COMMANDS } from '../commandIds';
import { exportAndOffer, type ExportFormat, type ExportPlace } from '../exportResults';
import type { ResultsPanel } from '../resultsPanel';
import type { RunController } from '../runController';

export interface ScaleOutCommandDeps {
  context: vscode.ExtensionContext;
  controller: RunController;
  panel: ResultsPanel;
  log: vscode.LogOutputChannel;
  exportPlace: ExportPlace;
}

async function resultOf(controller: RunController, runId: string | undefined): Promise<RunResult | undefined> {
  return runId ? controller.loadFromHistory(runId) : controller.lastResult()?.result;
}

export function registerScaleOutCommands({ controller, panel, log, exportPlace }: ScaleOutCommandDeps): vscode.Disposable[] {
  const copyCliCommand = async (runId?: string): Promise<string | undefined> => {
    const result = await resultOf(controller, runId);
    if (!result) {
      void vscode.window.showInformationMessage('There is no load test run to copy yet.');
      return undefined;
    }
    if (result.imported) {
      void vscode.window.showInformationMessage(`This result was imported from ${result.imported.format}; it has no load-test-localhost command line.`);
      return undefined;
    }
    const command = cliCommandLine(result.options);
    await vscode.env.clipboard.writeText(command);
    vscode.window.setStatusBarMessage('$(copy) Copied the load-test-localhost command line', 3000);
    return command;
  };

  const exportPastRun = async (runId?: string, format?: ExportFormat | 'command', target?: vscode.Uri) => {
    if (!runId) {
      const entries = await controller.historyEntries();
      if (entries.length === 0) {
        void vscode.window.showInformationMessage('There are no past runs in this workspace yet.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        entries.map((e) => ({
          label: new Date(e.startedAt).toLocaleString(),
          description: `${e.label} · ${formatRate(e.requestsPerSec)} req/s · p99 ${formatMs(e.latencyP99)}`,
          detail: e.url,
          runId: e.runId,
        })),
        { title: 'Export a past run', matchOnDescription: true, matchOnDetail: true },
      );
      runId = picked?.runId;
      if (!runId) return undefined;
    }
    format ??= (
      await vscode.window.showQuickPick(
        [
          { label: 'HTML report', format: 'html' as const },
          { label: 'JSON', format: 'json' as const },
          { label: 'CSV', format: 'csv' as const },
          { label: 'k6 script', format: 'k6' as const },
          { label: 'Locust file', format: 'locust' as const },
          { label: 'Copy as CLI command', format: 'command' as const },
        ],
        { title: 'Export as' },
      )
    )?.format;
    if (!format) return undefined;
    if (format === 'command') return copyCliCommand(runId);
    const result = await controller.loadFromHistory(runId);
    if (!result) {
      void vscode.window.showWarningMessage('That run is no longer in history.');
      return undefined;
    }
    return exportAndOffer(result, exportPlace, log, format, target);
  };

  const importResults = async (file?: vscode.Uri): Promise<string | undefined> => {
    file ??= (
      await vscode.window.showOpenDialog({
        title: 'Import k6 or Locust results',
        openLabel: 'Import',
        canSelectMany: false,
        filters: { 'k6 summary (--summary-export) or Locust stats (--csv, --json)': ['json', 'csv'] },
      })
    )?.[0];
    if (!file) return undefined;
    try {
      const stat = await vscode.workspace.fs.stat(file);
      if (stat.size > MAX_IMPORT_BYTES) throw new UsageError(`${file.path.split('/').pop()} is ${stat.size} bytes: larger than any k6 summary or Locust stats file`);
      const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      const result = importResultText(text, { file: file.path.split('/').pop() ?? file.path, modifiedAt: new Date(stat.mtime) });
      const runId = await controller.addImported(result);
      log.info(`Imported ${file.fsPath} (${result.imported?.format}) as ${runId}`);
      void vscode.window.showInformationMessage(`Imported ${result.imported?.format}: ${summarizeRun(result)}.`, 'Compare in the panel').then(async (choice) => {
        if (!choice) return;
        panel.show(false);
        await panel.setBaseline(runId);
      });
      return runId;
    } catch (err) {
      if (!(err instanceof UsageError) && !(err instanceof vscode.FileSystemError)) throw err;
      void vscode.window.showErrorMessage((err as Error).message);
      return undefined;
    }
  };

  return [
    vscode.commands.registerCommand(COMMANDS.copyCliCommand, copyCliCommand),
    vscode.commands.registerCommand(COMMANDS.exportPastRun, exportPastRun),
    vscode.commands.registerCommand(COMMANDS.importResults, importResults),
  ];
}
