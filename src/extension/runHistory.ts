// Past runs of this workspace, kept as full results (one JSON file each) plus a small index the panel lists.
// Only the newest `limit` are kept. Writes are queued so two runs finishing together cannot interleave.
import * as vscode from 'vscode';
import type { RunResult } from '../shared/result';
import type { HistoryEntry } from '../shared/protocol';
import { describeRunOptions } from '../shared/runOptionsText';

const INDEX_FILE = 'history.json';
/** Run ids become file names, and ids also come back from the webview: accept only our own shape. */
const RUN_ID = /^run-[\w-]+$/;

export function newRunId(startedAt = new Date()): string {
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  return `run-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

export function historyEntryFor(runId: string, result: RunResult): HistoryEntry {
  return {
    runId,
    startedAt: result.startedAt,
    url: result.target.url,
    label: result.imported ? `imported from ${result.imported.format}` : describeRunOptions(result.options),
    requestsPerSec: result.throughput.requestsPerSec,
    latencyP99: result.latency.total.p99,
    failed: result.requests.failed,
    findings: result.findings.filter((f) => f.severity !== 'info').length,
    stopReason: result.stopReason,
    ...(result.imported ? { imported: true } : {}),
  };
}

export class RunHistory {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: vscode.Uri,
    private readonly limit = 20,
  ) {}

  /** Newest first. */
  entries(): Promise<HistoryEntry[]> {
    return this.enqueue(() => this.readIndex());
  }

  add(runId: string, result: RunResult): Promise<HistoryEntry[]> {
    return this.enqueue(async () => {
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(this.fileOf(runId), Buffer.from(JSON.stringify(result)));
      const entries = [historyEntryFor(runId, result), ...(await this.readIndex()).filter((e) => e.runId !== runId)];
      const kept = entries.slice(0, this.limit);
      for (const dropped of entries.slice(this.limit)) {
        await vscode.workspace.fs.delete(this.fileOf(dropped.runId)).then(undefined, () => undefined);
      }
      await this.writeIndex(kept);
      return kept;
    });
  }

  async load(runId: string): Promise<RunResult | undefined> {
    if (!RUN_ID.test(runId)) return undefined;
    try {
      return JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(this.fileOf(runId))).toString('utf8')) as RunResult;
    } catch {
      return undefined;
    }
  }

  async latest(): Promise<{ runId: string; result: RunResult } | undefined> {
    for (const entry of await this.entries()) {
      const result = await this.load(entry.runId);
      if (result) return { runId: entry.runId, result };
    }
    return undefined;
  }

  private fileOf(runId: string): vscode.Uri {
    if (!RUN_ID.test(runId)) throw new Error(`not a run id: ${runId}`);
    return vscode.Uri.joinPath(this.dir, `${runId}.json`);
  }

  private async readIndex(): Promise<HistoryEntry[]> {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.dir, INDEX_FILE))).toString('utf8'));
      return Array.isArray(parsed) ? (parsed as HistoryEntry[]).filter((e) => typeof e?.runId === 'string' && RUN_ID.test(e.runId)) : [];
    } catch {
      return [];
    }
  }

  private async writeIndex(entries: HistoryEntry[]): Promise<void> {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.dir, INDEX_FILE), Buffer.from(JSON.stringify(entries, null, 1)));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
