// The run commands: "Load test localhost" (which server -> how much load -> run), "Run again" and "Stop", and the
// question when a run is already going (two runs never overlap by accident).
import * as vscode from 'vscode';
import type { LoadOptions } from '../../engine/loadOptions';
import { askModal } from '../flowPrompts';
import { loadOptionsFor } from '../loadProfiles';
import { pickProfile } from '../profilePicker';
import type { FinishedRun, RunController } from '../runController';
import { showRunError } from '../runErrors';
import { logRequest } from '../runLog';
import { readRunSettings } from '../runSettings';
import { pickTarget } from '../targetPicker';
import { testAnswers } from '../testAnswers';
import { COMMANDS } from '../commandIds';

const LAST_OPTIONS_KEY = 'loadTest.lastRunOptions';

export class RunCommands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly controller: RunController,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** "Load test localhost": pick the target (quick pick when there is a choice) and the profile, then run. */
  async run(options: { forcePick?: boolean } = {}): Promise<FinishedRun | undefined> {
    this.log.info('"Load test localhost" started');
    if (!(await this.readyToStart())) return this.notStarted('the load test already running was kept');
    const target = await pickTarget(this.context, this.log, options);
    if (!target) return this.notStarted('no server was chosen');
    const profile = await pickProfile(this.context, target.url, this.log);
    if (!profile) return this.notStarted('no load profile was chosen');
    this.log.info(`Profile: ${profile.label}`);
    return this.execute(loadOptionsFor(target.url, profile, readRunSettings()));
  }

  /** The last test again (same URL and load, current settings); the whole flow when there was none. */
  async runAgain(): Promise<FinishedRun | undefined> {
    const last = this.controller.lastRunOptions ?? this.context.workspaceState.get<LoadOptions>(LAST_OPTIONS_KEY);
    if (!last?.url) return this.run();
    this.log.info(`"Run again": ${last.url}`);
    if (!(await this.readyToStart())) return this.notStarted('the load test already running was kept');
    const settings = readRunSettings();
    return this.execute({ ...last, ...settings });
  }

  /** Runs options as given (the API for tests uses this too). Errors are shown, not thrown. */
  async execute(options: LoadOptions): Promise<FinishedRun | undefined> {
    logRequest(this.log, options);
    await this.context.workspaceState.update(LAST_OPTIONS_KEY, options);
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

  /** Every way the flow ends before a run says so in the log: a closed picker is never silent. */
  private notStarted(reason: string): undefined {
    this.log.info(`Not started: ${reason}`);
    return undefined;
  }

  /** True when nothing runs, or the user chose to stop the current run (it is then stopped and finished). */
  private async readyToStart(): Promise<boolean> {
    if (!this.controller.running) return true;
    const STOP = 'Stop It and Start a New One';
    const answer =
      testAnswers.whenRunning ?? ((await askModal(this.log, 'A load test is already running.', 'Only one load test runs at a time.', STOP)) === STOP ? 'stop' : 'cancel');
    if (answer !== 'stop') return false;
    this.controller.stop();
    await this.controller.whenIdle();
    return true;
  }
}

export function registerRunCommands(commands: RunCommands, controller: RunController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.run, () => commands.run()),
    vscode.commands.registerCommand(COMMANDS.runAgain, () => commands.runAgain()),
    vscode.commands.registerCommand(COMMANDS.stop, () => controller.stop()),
  ];
}
