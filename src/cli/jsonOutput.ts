// Where `--json FILE` goes: checked before the load starts (a bad path is a usage error, not a lost run), written
// atomically (temp file + rename, so a reader or a crash never sees half a file), and saved elsewhere when the
// write still fails, so a measured result is never lost.
import { accessSync, closeSync, constants, mkdtempSync, openSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
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

/** What is at `path` now: undefined for nothing (or a dangling link); any other error is thrown. */
function statIfThere(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Where and how a file named on the command line is written, from what is there now (`stat`, undefined for nothing).
 * A regular file is replaced atomically, through a symlink to it if it is one (the link stays, its target gets the
 * text). Anything else that exists (a device such as /dev/stdout, a named pipe) is written in place, as a shell
 * redirection would: renaming over it would replace the device or the pipe with a plain file.
 */
function target(path: string, stat: Stats | undefined): { path: string; atomic: boolean } {
  if (!stat) return { path, atomic: true }; // nothing there yet (or a dangling link): a new file
  return stat.isFile() ? { path: realpathSync(path), atomic: true } : { path, atomic: false };
}

/** Throws a UsageError unless `file` can be created (or replaced) by this process; `flag` names it in the message. */
export function checkOutputPath(file: string, flag: '--json' | '-o'): void {
  const path = resolve(file);
  let stat: Stats | undefined;
  try {
    stat = statIfThere(path);
  } catch (err) {
    throw new UsageError(`${flag} ${file} cannot be written: ${reason(err)}`);
  }
  if (stat?.isDirectory()) throw new UsageError(`${flag} ${file} is a directory; give a file name`);
  const where = target(path, stat);
  if (!where.atomic) {
    try {
      accessSync(where.path, constants.W_OK);
    } catch (err) {
      throw new UsageError(`${flag} ${file} cannot be written: ${reason(err)}`);
    }
    return;
  }
  // The real test: create the temp file the atomic write will use (access(W_OK) says yes to root on a read-only mount).
  const probe = tempPathFor(where.path);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    // ENOENT from a directory that is there (/proc, /sys): it takes no new files, which is not "no such directory".
    const dirThere = (err as NodeJS.ErrnoException).code === 'ENOENT' && isDirectory(dirname(where.path));
    throw new UsageError(`${flag} ${file} cannot be written (${dirname(where.path)}: ${dirThere ? 'no new files can be made there' : reason(err)})`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes `text` to `file`: a regular file via a temp file in its directory and a rename, anything else in place. */
export function writeFileAtomically(file: string, text: string): void {
  const path = resolve(file);
  const where = target(path, statIfThere(path));
  if (!where.atomic) {
    writeFileSync(where.path, text);
    return;
  }
  const temp = tempPathFor(where.path);
  try {
    writeFileSync(temp, text, { flag: 'w' });
    renameSync(temp, where.path);
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
