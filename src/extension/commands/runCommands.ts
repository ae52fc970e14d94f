// The run commands: "Load test localhost" (which server -> how much load -> run), "Run again" and "Stop", and the
// question when a run is already going (two runs never overlap by accident).
import * as vscode from 'vscode';
import type { LoadOptions } from '../../engine/loadOptions';
import { loadOptionsFor } from '../loadProfiles';
import { pickProfile } from '../profilePicker';
import type { FinishedRun, RunController } from '../runController';
import { showRunError } from '../runErrors';
import { logRequest } from '../runLog';
import { readRunSettings } from '../runSettings';
import { pickTarget } from '../targetPicker';
import type { Prompts } from '../prompts';
import { isLoopbackHost } from '../../discovery/loopbackHost';
import { redactHeaders, redactUrl, withoutRedacted } from '../../shared/secrets';
import { COMMANDS } from '../commandIds';
import { formatCount } from '../../shared/formatNumbers';

const LAST_OPTIONS_KEY = 'loadTest.lastRunOptions';

export class RunCommands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly controller: RunController,
    private readonly log: vscode.LogOutputChannel,
    private readonly prompts: Prompts,
  ) {}

  /** "Load test localhost": pick the target (quick pick when there is a choice) and the profile, then run. */
  async run(options: { forcePick?: boolean } = {}): Promise<FinishedRun | undefined> {
    this.log.info('"Load test localhost" started');
    if (!(await this.readyToStart())) return this.notStarted('the load test already running was kept');
    const target = await pickTarget(this.context, this.log, options);
    if (!target) return this.notStarted('no server was chosen');
    const profile = await pickProfile(this.context, target.url, this.log, this.prompts);
    if (!profile) return this.notStarted('no load profile was chosen');
    this.log.info(`Profile: ${profile.label}`);
    return this.execute(loadOptionsFor(target.url, profile, readRunSettings()));
  }

  /** The last test again (same URL and load, current settings); the whole flow when there was none. */
  async runAgain(): Promise<FinishedRun | undefined> {
    const last = this.controller.lastRunOptions ?? withoutRedactedHeaders(this.context.workspaceState.get<LoadOptions>(LAST_OPTIONS_KEY));
    if (!last?.url) return this.run();
    this.log.info(`"Run again": ${last.url}`);
    if (!(await this.readyToStart())) return this.notStarted('the load test already running was kept');
    const settings = readRunSettings();
    return this.execute({ ...last, ...settings });
  }

  /** Runs options as given (the API for tests uses this too). Errors are shown, not thrown. */
  async execute(options: LoadOptions): Promise<FinishedRun | undefined> {
    if (!(await this.confirmTarget(options))) return undefined;
    logRequest(this.log, options);
    // Credentials are sent, never stored: workspace state keeps a placeholder.
    await this.context.workspaceState.update(LAST_OPTIONS_KEY, { ...options, url: redactUrl(options.url), headers: redactHeaders(options.headers) });
    try {
      const finished = await this.controller.start(options);
      const { result } = finished;
      if (result.stopReason === 'error') {
        this.log.error(`The run stopped early: ${result.stopMessage ?? 'unknown error'}`);
        void vscode.window.showWarningMessage(`The load test stopped early: ${result.stopMessage ?? 'see the output'}. What was measured is in the results.`, 'Show Results').then((choice) => {
          if (choice) void vscode.commands.executeCommand(COMMANDS.showResults);
        });
      }
      return finished;
    } catch (err) {
      this.log.error(`Not started: ${(err as Error).message}`);
      void showRunError(err, () => this.run({ forcePick: true }));
      return undefined;
    }
  }

  /**
   * A host outside this machine is loaded only when the user's own settings allow it (never a workspace's) and the
   * user says yes to this run, knowing the host and the load.
   */
  private async confirmTarget(options: LoadOptions): Promise<boolean> {
    if (!options.allowNonLoopback) return true;
    let host: string;
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(options.url) ? options.url : `http://${options.url}`).hostname;
    } catch {
      return true; // the engine refuses it with one sentence
    }
    if (isLoopbackHost(host)) return true;
    const load = describeLoad(options);
    if (await this.prompts.confirmNonLoopbackTarget(host, load)) return true;
    this.log.info(`Not started: the load test of ${host} was not confirmed.`);
    return false;
  }

  /** Every way the flow ends before a run says so in the log: a closed picker is never silent. */
  private notStarted(reason: string): undefined {
    this.log.info(`Not started: ${reason}`);
    return undefined;
  }

  /** True when nothing runs, or the user chose to stop the current run (it is then stopped and finished). */
  private async readyToStart(): Promise<boolean> {
    if (!this.controller.running) return true;
    if (!(await this.prompts.stopRunningRun())) return false;
    this.controller.stop();
    await this.controller.whenIdle();
    return true;
  }
}

/** "1,000 requests over 50 connections", "requests for 20 s over 10 connections", "200 req/s for 20 s". */
function describeLoad(o: LoadOptions): string {
  const connections = `${o.connections ?? 10} connection${o.connections === 1 ? '' : 's'}`;
  const seconds = o.durationMs !== undefined ? `${Math.round(o.durationMs / 100) / 10} s` : undefined;
  if (o.rate) return `${o.rate} requests per second${seconds ? ` for ${seconds}` : ''}${o.requests ? ` (at most ${formatCount(o.requests)})` : ''} over up to ${connections}`;
  if (o.requests) return `${formatCount(o.requests)} requests over ${connections}${seconds ? ` (at most ${seconds})` : ''}`;
  return `as many requests as it answers for ${seconds ?? '10 s'} over ${connections}`;
}

/** A stored run's credentials were never kept: send none rather than the placeholder. */
function withoutRedactedHeaders(options: LoadOptions | undefined): LoadOptions | undefined {
  if (!options?.headers) return options;
  return { ...options, headers: withoutRedacted(options.headers) };
}

export function registerRunCommands(commands: RunCommands, controller: RunController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.run, () => commands.run()),
    vscode.commands.registerCommand(COMMANDS.runAgain, () => commands.runAgain()),
    vscode.commands.registerCommand(COMMANDS.stop, () => controller.stop()),
  ];
}
