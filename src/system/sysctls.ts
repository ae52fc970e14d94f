// Kernel settings read straight from /proc/sys (no sysctl binary, no privilege), normalised the way the
// diagnosis and the editor hints both compare them: whitespace collapsed, so ip_local_port_range reads "32768 60999".
import { readFile } from 'node:fs/promises';

export function sysctlPath(key: string, procSys = '/proc/sys'): string {
  return `${procSys}/${key.replace(/\./g, '/')}`;
}

export interface SysctlReading {
  /** Keyed by dotted name, e.g. "net.core.somaxconn": "4096". */
  values: Record<string, string>;
  /** Keys that could not be read, with the error code (ENOENT: absent on this kernel). */
  unreadable: Record<string, string>;
}

export async function readProcSysctls(keys: readonly string[], procSys = '/proc/sys'): Promise<SysctlReading> {
  const values: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  await Promise.all(
    keys.map(async (key) => {
      try {
        values[key] = (await readFile(sysctlPath(key, procSys), 'utf8')).trim().split(/\s+/).join(' ');
      } catch (err) {
        unreadable[key] = (err as NodeJS.ErrnoException).code ?? 'error';
      }
    }),
  );
  return { values, unreadable };
}
