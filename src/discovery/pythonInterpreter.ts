// Which Python runs the workspace's server: the VS Code Python interpreter setting when it names a file that
// exists, else the workspace's virtual environment (.venv, venv), else python3. Debian has no `python`, and the
// `python` on PATH may lack Django or Flask.
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** A command word for a shell: relative to the folder when inside it, quoted when it has spaces. */
function shellWord(folder: string, file: string): string {
  const relative = path.relative(folder, file);
  const word = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.includes('/') ? relative : `./${relative}`;
  return /[^\w./-]/.test(word) ? `'${word.replace(/'/g, `'\\''`)}'` : word;
}

async function settingInterpreter(folder: string): Promise<string | undefined> {
  const text = await readFile(path.join(folder, '.vscode', 'settings.json'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const settings = parse(text) as Record<string, unknown> | undefined;
  const value = settings?.['python.defaultInterpreterPath'];
  if (typeof value !== 'string' || value.trim() === '' || value.includes('${')) return undefined;
  const file = path.resolve(folder, value.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
  return (await exists(file)) ? file : undefined;
}

export async function pythonCommandFor(folder: string): Promise<string> {
  const fromSetting = await settingInterpreter(folder);
  if (fromSetting) return shellWord(folder, fromSetting);
  for (const venv of ['.venv', 'venv']) {
    const python = path.join(folder, venv, 'bin', 'python');
    if (await exists(python)) return shellWord(folder, python);
  }
  return 'python3';
}
