// The load generator's own open-file limit: every connection is a file descriptor, and EMFILE ends a run.
import { readdir, readFile } from 'node:fs/promises';
import type { OpenFileLimit } from '../shared/findings';

/** Reads the "Max open files" row of /proc/<pid>/limits. */
export function parseOpenFileLimit(text: string): OpenFileLimit | undefined {
  const row = text.split('\n').find((l) => l.startsWith('Max open files'));
  if (!row) return undefined;
  const [soft, hard] = row.slice('Max open files'.length).trim().split(/\s+/);
  const num = (v: string | undefined) => (v === undefined || v === 'unlimited' ? undefined : Number(v));
  return { soft: num(soft), hard: num(hard) };
}

export async function readOpenFileLimit(): Promise<{ limit?: OpenFileLimit; note?: string }> {
  try {
    const limit = parseOpenFileLimit(await readFile('/proc/self/limits', 'utf8'));
    return limit ? { limit } : { note: '/proc/self/limits has no "Max open files" row.' };
  } catch (err) {
    return { note: `/proc/self/limits could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` };
  }
}

/** Open descriptors of this process now (Linux), to tell how close connections + existing files are to the limit. */
export async function countOpenFiles(): Promise<number | undefined> {
  try {
    return (await readdir('/proc/self/fd')).length;
  } catch {
    return undefined;
  }
}
