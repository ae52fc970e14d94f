// The "Load Test Localhost" output channel: what was run, what the kernel reading said, and the text report.
import * as vscode from 'vscode';
import type { LoadOptions } from '../engine/loadOptions';
import { formatRunReport } from '../report/textReport';
import { describeRunOptions } from '../shared/runOptionsText';
import type { RunController } from './runController';
import { stripControlCharacters } from '../shared/controlCharacters';
import { redactHeaders, redactUrl } from '../shared/secrets';

export function createRunLog(controller: RunController): { log: vscode.LogOutputChannel; disposable: vscode.Disposable } {
  const log = vscode.window.createOutputChannel('Load Test Localhost', { log: true });
  const subscriptions = [
    controller.onDidStart((run) => {
      log.info(`Run ${run.runId}: ${run.options.method} ${run.options.url} — ${describeRunOptions(run.options)}`);
      log.info(`Timeouts: connect ${run.options.connectTimeoutMs} ms, response ${run.options.responseTimeoutMs} ms; ${run.options.workers} worker thread(s)`);
      for (const finding of run.preflight) log.warn(`Before the load: ${finding.title}`);
    }),
    controller.onDidFinish(({ runId, result }) => {
      const kernel = result.kernel;
      if (kernel) {
        const settings = Object.entries(kernel.settings).map(([k, v]) => `${k}=${v}`).join(', ');
        if (settings) log.info(`Kernel settings read: ${settings}`);
        for (const l of kernel.listeners) log.info(`Listener ${l.address}:${l.port} backlog ${l.backlog}${l.process ? ` (${l.process})` : ''}`);
        for (const note of kernel.notes) log.info(`Kernel note: ${note}`);
      }
      for (const warning of result.warnings) log.warn(warning);
      const findings = result.findings.length > 0 || (result.kernel?.blindSpots?.length ?? 0) > 0;
      log.info(`Run ${runId} finished (${result.stopReason}):\n${formatRunReport(result, { color: false, findings })}`);
    }),
  ];
  return { log, disposable: vscode.Disposable.from(log, ...subscriptions) };
}

/** Logged before the run starts, so a refused run still shows what was asked. */
export function logRequest(log: vscode.LogOutputChannel, options: LoadOptions): void {
  const { body, ...rest } = options;
  // Credentials in headers or the URL are sent, never logged; a typed URL cannot drive anything with control bytes.
  const shown = { ...rest, url: redactUrl(rest.url), headers: rest.headers && redactHeaders(rest.headers), body: body === undefined ? undefined : `${Buffer.byteLength(body)} bytes` };
  log.info(stripControlCharacters(`Requested: ${JSON.stringify(shown)}`, true));
}
