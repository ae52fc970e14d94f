// "Export results...": the result as JSON (the CLI's --json), CSV (the time series) or a self-contained HTML report,
// or the same test as a k6 script or a Locust file (thresholds from this run) to run at scale.
import * as vscode from 'vscode';
import type { RunResult } from '../shared/result';
import { renderCsvReport } from '../report/csvReport';
import { renderHtmlReport } from '../report/htmlReport';
import { renderK6Script } from '../exportScripts/k6Script';
import { planFromResult } from '../exportScripts/loadPlan';
import { renderLocustFile } from '../exportScripts/locustFile';

export type ExportFormat = 'json' | 'csv' | 'html' | 'k6' | 'locust';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  json: { 'JSON result': ['json'] },
  csv: { 'CSV time series': ['csv'] },
  html: { 'HTML report': ['html'] },
  k6: { 'k6 script': ['js'] },
  locust: { 'Locust file': ['py'] },
};

const EXTENSIONS: Record<ExportFormat, string> = { json: 'json', csv: 'csv', html: 'html', k6: 'js', locust: 'py' };

/** A script needs the options of a run made here; an imported result has none. */
export function scriptExportRefusal(result: RunResult, format: ExportFormat): string | undefined {
  if ((format === 'k6' || format === 'locust') && result.imported) {
    return `This result was imported from ${result.imported.format}: export the script from the run it came from.`;
  }
  return undefined;
}

export async function renderExport(result: RunResult, format: ExportFormat, extensionUri: vscode.Uri): Promise<string> {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'csv') return renderCsvReport(result);
  if (format === 'k6') return renderK6Script(planFromResult(result));
  if (format === 'locust') return renderLocustFile(planFromResult(result));
  const read = async (name: string) =>
    Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'out', name))).toString('utf8');
  return renderHtmlReport(result, { webviewJs: await read('webview.js'), css: await read('webview.css') });
}

/** e.g. load-test-127.0.0.1-3000-2025-01-31T10-20-30.html */
export function exportFileName(result: RunResult, format: ExportFormat): string {
  const where = `${result.target.host}-${result.target.port}`.replace(/[^\w.-]+/g, '-');
  const when = result.startedAt.slice(0, 19).replace(/:/g, '-');
  return `load-test-${where}-${when}.${EXTENSIONS[format]}`;
}

async function askFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'HTML report', description: 'charts and findings in one file, opens in any browser', format: 'html' as const },
      { label: 'JSON', description: 'the whole result, as the CLI --json prints it', format: 'json' as const },
      { label: 'CSV', description: 'the time series, one row a second', format: 'csv' as const },
      { label: 'k6 script', description: 'the same test for k6 and the k6-operator, thresholds 20% above this run', format: 'k6' as const },
      { label: 'Locust file', description: 'the same test for Locust master and workers, thresholds 20% above this run', format: 'locust' as const },
    ],
    { title: 'Export results as' },
  );
  return picked?.format;
}

/** Writes the export; asks for the format and the file when not given. Returns the file written. */
export async function exportResult(
  result: RunResult,
  extensionUri: vscode.Uri,
  format?: ExportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  format ??= await askFormat();
  if (!format) return undefined;
  const refusal = scriptExportRefusal(result, format);
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  target ??= await vscode.window.showSaveDialog({
    title: 'Export load test results',
    defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(result, format)) : undefined,
    filters: FILTERS[format],
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(await renderExport(result, format, extensionUri), 'utf8'));
  return target;
}
