// Does a listening process belong to the workspace? Yes when its cwd is inside a workspace folder, when its
// command line names a path inside one, or, when its own cwd is unknown or "/", when an ancestor (the shell or npm
// that started it) has its cwd there.
// The walk up stops at the editor's own processes: VS Code often runs with its cwd in the workspace, and
// everything it starts would otherwise match (language servers, debug ports).
import * as path from 'node:path';
import type { ProcessInfo } from '../system/procProcessInfo';

export type MatchedBy = 'cwd' | 'command-line' | 'ancestor';

export interface WorkspaceMatch {
  folder: string;
  by: MatchedBy;
  /** The ancestor whose cwd matched, when `by` is "ancestor". */
  ancestorPid?: number;
}

export function isPathInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Arguments that look like paths (absolute, or containing a slash), resolved against the process cwd. */
export function pathsOnCommandLine(argv: string[], cwd: string | undefined): string[] {
  const paths: string[] = [];
  for (const arg of argv) {
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (path.isAbsolute(value)) paths.push(path.normalize(value));
    else if (cwd && value.includes('/') && !/^[a-z]+:\/\//i.test(value)) paths.push(path.resolve(cwd, value));
  }
  return paths;
}

const EDITOR_EXECUTABLE = /[/\\]\.vscode-server[/\\]|code-server|(^|[/\\])(code|code-insiders|codium|cursor|electron)(\.exe)?$/i;

/** VS Code, its helpers (Electron `--type=` processes) and extension hosts. */
export function isEditorProcess(argv: string[]): boolean {
  if (argv.length === 0) return false;
  return EDITOR_EXECUTABLE.test(argv[0]!) || argv.some((a) => a.startsWith('--type=') || a.includes('extensionHost'));
}

function folderOnCommandLine(folders: string[], info: ProcessInfo): string | undefined {
  for (const p of pathsOnCommandLine(info.argv, info.cwd)) {
    const folder = folderContaining(folders, p);
    if (folder) return folder;
  }
  return undefined;
}

function folderContaining(folders: string[], candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  return folders.find((folder) => isPathInside(folder, candidate));
}

export async function matchWorkspace(
  process: ProcessInfo,
  folders: string[],
  readProcess: (pid: number) => Promise<ProcessInfo | undefined>,
  maxAncestors = 8,
): Promise<WorkspaceMatch | undefined> {
  const byCwd = folderContaining(folders, process.cwd);
  if (byCwd) return { folder: byCwd, by: 'cwd' };
  const byCommandLine = folderOnCommandLine(folders, process);
  if (byCommandLine) return { folder: byCommandLine, by: 'command-line' };
  // A shell's cwd is where it is now, not where it started a job: `cd a && php -S … &` then `cd b` leaves a server
  // of a under a shell in b. So an interactive shell speaks for the process only when the process's own cwd says
  // nothing (unreadable, or the "/" a daemon moves to); a launcher (npm, node, make) speaks for it always.
  const ownCwdSaysNothing = process.cwd === undefined || process.cwd === '/';
  let ppid = process.ppid;
  for (let depth = 0; depth < maxAncestors && ppid > 1; depth++) {
    const ancestor = await readProcess(ppid);
    if (!ancestor || isEditorProcess(ancestor.argv)) return undefined;
    const shell = isShell(ancestor.argv);
    const folder = shell && !ownCwdSaysNothing ? undefined : (folderContaining(folders, ancestor.cwd) ?? folderOnCommandLine(folders, ancestor));
    if (folder) return { folder, by: 'ancestor', ancestorPid: ancestor.pid };
    ppid = ancestor.ppid;
  }
  return undefined;
}

/** An interactive or script shell: bash, zsh, fish, sh, dash, ksh (a login shell's argv[0] starts with "-"). */
function isShell(argv: string[]): boolean {
  const name = (argv[0] ?? '').split('/').pop()!.replace(/^-/, '');
  return /^(ba|z|fi|da|k|tc|c)?sh$/.test(name);
}
