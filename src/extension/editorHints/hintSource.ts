// What the hints read from the rest of the extension: the last run and the live kernel settings.
import * as vscode from 'vscode';
import type { RunResult } from '../../shared/result';
import { readProcSysctls } from '../../system/sysctls';

/** The settings the hints show and check (hovers on sysctl files, the effective backlog). */
const HINT_SYSCTLS = [
  'net.core.somaxconn',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_abort_on_overflow',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syn_linear_timeouts',
];

export interface HintSource {
  /** Fires when a run finished (or the last result changed otherwise). */
  onDidChange: vscode.Event<void>;
  lastResult(): RunResult | undefined;
  /** Live sysctls keyed by dotted name, e.g. "net.core.somaxconn". */
  kernelSettings(): Promise<Record<string, string>>;
}

/** A HintSource the run controller (or a test) pushes results into. Reads live sysctls unless given some. */
export class SettableHintSource implements HintSource, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private result: RunResult | undefined;
  private fixedSettings: Record<string, string> | undefined;

  lastResult(): RunResult | undefined {
    return this.result;
  }

  kernelSettings(): Promise<Record<string, string>> {
    return this.fixedSettings ? Promise.resolve({ ...this.fixedSettings }) : readProcSysctls(HINT_SYSCTLS).then((r) => r.values);
  }

  /**
   * A finished run. One stopped early (Stop, or a crash) that found nothing says little: a 1 s run rarely fills a
   * queue that a 10 s run overflowed. It leaves the hints of the run before; one that found something replaces them.
   */
  takeFinishedRun(result: RunResult): void {
    const stoppedEarly = result.stopReason === 'cancelled' || result.stopReason === 'error';
    if (stoppedEarly && result.findings.length === 0 && this.result) return;
    this.setLastResult(result);
  }

  setLastResult(result: RunResult | undefined): void {
    this.result = result;
    this.emitter.fire();
  }

  /** Replaces the live reading (tests); undefined goes back to /proc/sys. */
  setKernelSettings(settings: Record<string, string> | undefined): void {
    this.fixedSettings = settings;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
