// A LogOutputChannel that keeps its lines, so an extension-host test can read what the flow logged (a real output
// channel cannot be read back through the API).
import * as vscode from 'vscode';

export interface RecordingLog extends vscode.LogOutputChannel {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const record = (level: string) => (message: string | Error) => {
    lines.push(`[${level}] ${message instanceof Error ? message.message : message}`);
  };
  const noop = () => undefined;
  return {
    lines,
    name: 'recording',
    logLevel: vscode.LogLevel.Trace,
    onDidChangeLogLevel: new vscode.EventEmitter<vscode.LogLevel>().event,
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    append: noop,
    appendLine: (value: string) => lines.push(value),
    replace: noop,
    clear: noop,
    show: noop,
    hide: noop,
    dispose: noop,
  } as RecordingLog;
}
