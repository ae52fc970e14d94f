// "Export results...": the result as JSON (the CLI's --json), CSV (the time series) or a self-contained HTML report,
// or the same test as a k6 script or a Locust file (thresholds from this run) to run at scale.
// Exports go where the user last saved one (remembered), else to ~/Downloads: never into the workspace unasked,
// where they would clutter the Explorer and source control. An HTML report opens in the browser, not as source.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat } from '../shared/protocol';
import type { RunResult } from '../shared/result';
import { renderCsvReport } from '../report/csvReport';
import { renderHtmlReport } from '../report/htmlReport';
import { renderK6Script } from '../exportScripts/k6Script';
import { planFromResult } from '../exportScripts/loadPlan';
import { renderLocustFile } from '../exportScripts/locustFile';
import { defaultExportFolder } from './exportFolder';
import { serveReport } from './reportServer';

export type { ExportFormat } from '../shared/protocol';

/** globalState key: the folder of the last export, offered again next time. */
export const EXPORT_FOLDER_KEY = 'loadTest.exportFolder';

export interface ExportPlace {
  extensionUri: vscode.Uri;
  /** Where the chosen folder is remembered (the extension's globalState). */
  memory: vscode.Memento;
}

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
export async function exportResult(result: RunResult, place: ExportPlace, format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  format ??= await askFormat();
  if (!format) return undefined;
  const refusal = scriptExportRefusal(result, format);
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return undefined;
  }
  const folder = defaultExportFolder(place.memory.get<string>(EXPORT_FOLDER_KEY));
  target ??= await vscode.window.showSaveDialog({
    title: 'Export load test results',
    defaultUri: vscode.Uri.file(path.join(folder, exportFileName(result, format))),
    filters: FILTERS[format],
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(await renderExport(result, format, place.extensionUri), 'utf8'));
  if (target.scheme === 'file') await place.memory.update(EXPORT_FOLDER_KEY, path.dirname(target.fsPath));
  return target;
}

/**
 * Opens an export the way its kind is read: an HTML report in the browser (in the editor it is 250 KB of minified
 * source), JSON and CSV in the editor. In a remote window the browser gets the report over a forwarded loopback URL.
 */
export async function openExport(file: vscode.Uri): Promise<void> {
  if (!file.path.toLowerCase().endsWith('.html')) {
    await vscode.commands.executeCommand('vscode.open', file);
  } else if (vscode.env.remoteName === undefined && file.scheme === 'file') {
    await vscode.env.openExternal(file);
  } else {
    // Only the origin goes through asExternalUri: code-server maps it to its /proxy/<port>/ route but drops any path.
    const served = await serveReport(file.fsPath);
    const base = (await vscode.env.asExternalUri(vscode.Uri.parse(served.origin))).toString();
    await vscode.env.openExternal(vscode.Uri.parse(`${base.endsWith('/') ? base : `${base}/`}${served.path}`));
  }
}

/** Says where the export went, with the action that opens it. */
export async function offerToOpen(file: vscode.Uri): Promise<void> {
  const html = file.path.toLowerCase().endsWith('.html');
  const where = file.scheme === 'file' ? file.fsPath.replace(os.homedir(), '~') : file.toString();
  const choice = await vscode.window.showInformationMessage(`Exported ${where}`, html ? 'Open in browser' : 'Open');
  if (choice) await openExport(file);
}

/** Exports, logs where to, and offers to open it (without waiting for the answer). Returns the file written. */
export async function exportAndOffer(
  result: RunResult,
  place: ExportPlace,
  log: vscode.LogOutputChannel,
  format?: ExportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const written = await exportResult(result, place, format, target);
  if (written) {
    log.info(`Exported ${written.fsPath}`);
    void offerToOpen(written);
  }
  return written;
}
