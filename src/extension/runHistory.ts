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
  /** Called when the index was damaged or missing and was rebuilt from the run files (how many were readable). */
  onRebuilt: ((runs: number) => void) | undefined;

  constructor(
    readonly dir: vscode.Uri,
    private readonly limit = 20,
  ) {}

  /** Newest first. */
  entries(): Promise<HistoryEntry[]> {
    return this.enqueue(() => this.readIndex());
  }

  add(runId: string, result: RunResult): Promise<HistoryEntry[]> {
    return this.enqueue(async () => {
      await vscode.workspace.fs.createDirectory(this.dir);
      await this.writeAtomically(this.fileOf(runId), JSON.stringify(result));
      // The run file just written is not a sign of a lost index: a first run finds no index, and nothing to rebuild.
      const entries = [historyEntryFor(runId, result), ...(await this.readIndex(runId)).filter((e) => e.runId !== runId)];
      const kept = entries.slice(0, this.limit);
      await this.writeIndex(kept);
      await this.pruneOrphans(new Set(kept.map((e) => e.runId)));
      return kept;
    });
  }

  async load(runId: string): Promise<RunResult | undefined> {
    if (!RUN_ID.test(runId)) return undefined;
    try {
      const result = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(this.fileOf(runId))).toString('utf8')) as RunResult;
      return typeof result?.startedAt === 'string' && result.requests !== undefined ? result : undefined;
    } catch {
      return undefined;
    }
  }

  /** The newest run made here whose file can still be read (a damaged newest file does not hide the one before it). */
  async latest(): Promise<{ runId: string; result: RunResult } | undefined> {
    for (const entry of await this.entries()) {
      if (entry.imported) continue; // a k6 or Locust result is there to compare with, not the last run made here
      const result = await this.load(entry.runId);
      if (result) return { runId: entry.runId, result };
    }
    return undefined;
  }

  private fileOf(runId: string): vscode.Uri {
    if (!RUN_ID.test(runId)) throw new Error(`not a run id: ${runId}`);
    return vscode.Uri.joinPath(this.dir, `${runId}.json`);
  }

  /** `newRunId`: a run file written just before, which a rebuild leaves out (the caller adds it). */
  private async readIndex(newRunId?: string): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.dir, INDEX_FILE))).toString('utf8');
    } catch {
      return this.rebuildIndex(newRunId); // missing: a crash between a run file and its index, or a first run
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return (parsed as HistoryEntry[]).filter((e) => typeof e?.runId === 'string' && RUN_ID.test(e.runId));
    } catch {
      // damaged (cut short by a crash, or edited): the run files still say what ran
    }
    return this.rebuildIndex(newRunId);
  }

  /** The index again from the run files themselves, newest first; written back when any run was found. */
  private async rebuildIndex(except?: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    for (const runId of await this.runFiles()) {
      if (runId === except) continue;
      const result = await this.load(runId);
      if (result) entries.push(historyEntryFor(runId, result));
    }
    entries.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const kept = entries.slice(0, this.limit);
    if (entries.length > 0) {
      await this.writeIndex(kept);
      // The run left out is the caller's to keep (it adds it to the index next).
      await this.pruneOrphans(new Set([...kept.map((e) => e.runId), ...(except ? [except] : [])]));
      this.onRebuilt?.(kept.length);
    }
    return kept;
  }

  private async runFiles(): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.dir))
        .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json') && RUN_ID.test(name.slice(0, -5)))
        .map(([name]) => name.slice(0, -5));
    } catch {
      return [];
    }
  }

  /** Run files the index no longer lists (dropped past the limit, or left by a crash) are deleted. */
  private async pruneOrphans(kept: Set<string>): Promise<void> {
    for (const runId of await this.runFiles()) {
      if (!kept.has(runId)) await vscode.workspace.fs.delete(this.fileOf(runId)).then(undefined, () => undefined);
    }
  }

  private async writeIndex(entries: HistoryEntry[]): Promise<void> {
    await this.writeAtomically(vscode.Uri.joinPath(this.dir, INDEX_FILE), JSON.stringify(entries, null, 1));
  }

  /** A temp file and a rename: a crash leaves the old file or the new one, never half of one. */
  private async writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
    const temp = uri.with({ path: `${uri.path}.tmp` });
    await vscode.workspace.fs.writeFile(temp, Buffer.from(text));
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
