// Where the export dialog starts: never the workspace, whose Explorer and source control an export would clutter.
// No `vscode` here: plain Node, tested without an editor.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The last folder the user saved an export to if it still exists, else ~/Downloads, else the home folder. */
export function defaultExportFolder(remembered: string | undefined, home = os.homedir()): string {
  for (const candidate of [remembered, path.join(home, 'Downloads')]) {
    if (candidate && isDirectory(candidate)) return candidate;
  }
  return home;
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
