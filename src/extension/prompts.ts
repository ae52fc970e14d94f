// Every question the extension asks before it acts (which profile, stop the current run, run a command in a
// terminal, load a host outside this machine), as one interface handed to the code that asks. The user's answers
// come from VS Code's UI; only the extension-host tests (ExtensionMode.Test) get a version they can pre-answer.
import * as vscode from 'vscode';
import { askModal } from './flowPrompts';
import type { LoadProfile } from './loadProfiles';

export interface Prompts {
  /** A profile chosen in advance, or undefined to show the quick pick. */
  presetProfile(): LoadProfile | undefined;
  /** "A load test is already running": stop it and start the new one? */
  stopRunningRun(): Promise<boolean>;
  /** Shows the exact command and runs it only on yes. */
  confirmTerminalCommand(command: string): Promise<boolean>;
  /** A load test against a host outside this machine: named, with how much load, once per run. */
  confirmNonLoopbackTarget(host: string, load: string): Promise<boolean>;
}

/** The questions in VS Code's dialogs, each logged with its answer. */
export function userPrompts(log: vscode.LogOutputChannel): Prompts {
  return {
    presetProfile: () => undefined,
    async stopRunningRun() {
      const STOP = 'Stop It and Start a New One';
      return (await askModal(log, 'A load test is already running.', 'Only one load test runs at a time.', STOP)) === STOP;
    },
    async confirmTerminalCommand(command) {
      const RUN = 'Run in Terminal';
      return (await askModal(log, 'Run this command in a terminal?', command, RUN)) === RUN;
    },
    async confirmNonLoopbackTarget(host, load) {
      const LOAD = `Load ${host}`;
      const detail = `This sends ${load} to ${host}. A load test is a flood of requests: only point it at servers you own, never at shared or production machines.`;
      return (await askModal(log, `Load-test ${host}, a host outside this machine?`, detail, LOAD)) === LOAD;
    },
  };
}

/** Answers the extension-host tests give in place of a person; a question without an answer goes to the user. */
export interface TestAnswers {
  profile?: LoadProfile;
  whenRunning?: 'stop' | 'cancel';
  confirmTerminal?: boolean;
  confirmNonLoopback?: boolean;
}

export class AnsweredPrompts implements Prompts {
  answers: TestAnswers = {};
  /** What the last non-loopback question said (host, load), for the tests to check. */
  lastNonLoopbackQuestion: { host: string; load: string } | undefined;

  constructor(private readonly user: Prompts) {}

  presetProfile(): LoadProfile | undefined {
    return this.answers.profile ?? this.user.presetProfile();
  }

  async stopRunningRun(): Promise<boolean> {
    return this.answers.whenRunning !== undefined ? this.answers.whenRunning === 'stop' : this.user.stopRunningRun();
  }

  /** The command the last terminal question showed, for the tests to check. */
  lastTerminalQuestion: string | undefined;

  async confirmTerminalCommand(command: string): Promise<boolean> {
    this.lastTerminalQuestion = command;
    return this.answers.confirmTerminal ?? this.user.confirmTerminalCommand(command);
  }

  async confirmNonLoopbackTarget(host: string, load: string): Promise<boolean> {
    this.lastNonLoopbackQuestion = { host, load };
    return this.answers.confirmNonLoopback ?? this.user.confirmNonLoopbackTarget(host, load);
  }
}
