// Reads the current value of sysctls from /proc/sys (no privilege needed); missing ones are left out.
import { readFile } from 'node:fs/promises';

export const HINT_SYSCTLS = [
  'net.core.somaxconn',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_abort_on_overflow',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syn_linear_timeouts',
];

export async function readLiveSysctls(keys: string[] = HINT_SYSCTLS, procSys = '/proc/sys'): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  await Promise.all(keys.map(async (key) => {
    try {
      values[key] = (await readFile(`${procSys}/${key.replace(/\./g, '/')}`, 'utf8')).trim();
    } catch {
      // Absent on this kernel or platform: say nothing about it.
    }
  }));
  return values;
}
