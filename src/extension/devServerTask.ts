// Starts a workspace dev script as a VS Code task (only after the user asked, only in a trusted workspace) and
// waits, with a cancellable progress notification, until it listens.
import * as vscode from 'vscode';
import { waitForDevServer, type DevScript, type DevServerCandidate } from '../discovery/index';

export const DEV_SERVER_WAIT_MS = 60_000;

/** The task type; running works without a `taskDefinitions` contribution, which only matters for tasks.json. */
export const DEV_SERVER_TASK_TYPE = 'loadTest';

function taskFor(script: DevScript): vscode.Task {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(script.cwd));
  const task = new vscode.Task(
    { type: DEV_SERVER_TASK_TYPE, script: script.name, cwd: script.cwd },
    folder ?? vscode.TaskScope.Workspace,
    script.name,
    'Load Test',
    new vscode.ShellExecution(script.runCommand, { cwd: script.cwd }),
  );
  // A dev server never ends by itself; the terminal shows its output without stealing focus.
  task.isBackground = true;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, focus: false, panel: vscode.TaskPanelKind.Dedicated };
  return task;
}

/**
 * Executes the task and learns its shell's pid. Listeners are attached before executing: the process events may
 * come before executeTask resolves. Also reports the exit code if the task process ends.
 */
async function executeWatched(task: vscode.Task, onExit: (code: number) => void): Promise<{
  execution: vscode.TaskExecution;
  rootPid?: number;
  dispose(): void;
}> {
  const started = new Map<vscode.TaskExecution, number>();
  const exited = new Map<vscode.TaskExecution, number>();
  let execution: vscode.TaskExecution | undefined;
  let pidListener: ((pid: number) => void) | undefined;
  const subscriptions = [
    vscode.tasks.onDidStartTaskProcess((event) => {
      if (execution && event.execution === execution) pidListener?.(event.processId);
      else started.set(event.execution, event.processId);
    }),
    vscode.tasks.onDidEndTaskProcess((event) => {
      if (execution && event.execution === execution) onExit(event.exitCode ?? -1);
      else exited.set(event.execution, event.exitCode ?? -1);
    }),
  ];
  execution = await vscode.tasks.executeTask(task);
  const early = exited.get(execution);
  if (early !== undefined) onExit(early);
  const rootPid =
    started.get(execution) ??
    (await new Promise<number | undefined>((resolve) => {
      // Bounded: a task may never get a process (e.g. the shell failed to start).
      const timer = setTimeout(() => resolve(undefined), 5000);
      pidListener = (pid) => {
        clearTimeout(timer);
        resolve(pid);
      };
    }));
  return { execution, rootPid, dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

/**
 * Runs the script and resolves with the server it started, or undefined (not trusted, cancelled, the script
 * exited, or it did not listen in time; each said to the user). The task keeps running after a time-out.
 */
export async function startDevServer(
  script: DevScript,
  options: { timeoutMs?: number; path?: string } = {},
): Promise<DevServerCandidate | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      `Load Test Localhost does not run scripts in an untrusted workspace. Trust the workspace, or start "${script.runCommand}" yourself.`,
    );
    return undefined;
  }
  const timeoutMs = options.timeoutMs ?? DEV_SERVER_WAIT_MS;
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  let exitCode: number | undefined;
  const controller = new AbortController();
  const { execution, rootPid, dispose } = await executeWatched(taskFor(script), (code) => {
    exitCode = code;
    controller.abort();
  });
  const port = script.expectedPort !== undefined ? ` on port ${script.expectedPort}` : '';
  try {
    const found = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Waiting for "${script.runCommand}" to listen${port} (up to ${Math.round(timeoutMs / 1000)} s)`,
        cancellable: true,
      },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return waitForDevServer({
          workspaceFolders: folders,
          rootPid,
          expectedPort: script.expectedPort,
          timeoutMs,
          signal: controller.signal,
          path: options.path,
        });
      },
    );
    if (found) return found;
    if (exitCode !== undefined) {
      void vscode.window.showErrorMessage(`"${script.runCommand}" exited (code ${exitCode}) before it listened. See its terminal.`);
    } else if (controller.signal.aborted) {
      void vscode.window.showInformationMessage(`Stopped waiting; "${script.runCommand}" is still running in its terminal.`);
    } else {
      const choice = await vscode.window.showWarningMessage(
        `"${script.runCommand}" did not listen${port} within ${Math.round(timeoutMs / 1000)} s. It is still running in its terminal.`,
        'Stop It',
      );
      if (choice === 'Stop It') execution.terminate();
    }
    return undefined;
  } finally {
    dispose();
  }
}
