// Where `--json FILE` goes: checked before the load starts (a bad path is a usage error, not a lost run), written
// atomically (temp file + rename, so a reader or a crash never sees half a file), and saved elsewhere when the
// write still fails, so a measured result is never lost.
import { closeSync, mkdtempSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../engine/loadOptions';

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code === 'ENOENT' ? 'no such directory' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EROFS' ? 'read-only file system' : (e.code ?? e.message);
}

function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/** Throws a UsageError unless `file` can be created (or replaced) by this process. */
export function checkJsonPath(file: string): void {
  const path = resolve(file);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--json ${file} is a directory; give a file name`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`--json ${file} cannot be written: ${reason(err)}`);
  }
  // The real test: create the temp file the atomic write will use (access(W_OK) says yes to root on a read-only mount).
  const probe = tempPathFor(path);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    throw new UsageError(`--json ${file} cannot be written (${dirname(path)}: ${reason(err)})`);
  }
}

/** Writes `text` to `file` via a temp file in the same directory and a rename. */
export function writeFileAtomically(file: string, text: string): void {
  const path = resolve(file);
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, text, { flag: 'w' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

export type JsonWriteOutcome = { written: string; failed?: undefined } | { written: string; failed: string; why: string } | { lost: string };

/** Writes the result where asked, else to a fresh file under the temp directory. */
export function saveJson(file: string, text: string): JsonWriteOutcome {
  try {
    writeFileAtomically(file, text);
    return { written: file };
  } catch (err) {
    const why = reason(err);
    try {
      const fallback = join(mkdtempSync(join(tmpdir(), 'load-test-localhost-')), 'result.json');
      writeFileSync(fallback, text);
      return { written: fallback, failed: file, why };
    } catch (fallbackErr) {
      return { lost: `${why}; the fallback under ${tmpdir()} failed too: ${reason(fallbackErr)}` };
    }
  }
}
