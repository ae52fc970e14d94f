// The sysctls that decide what the kernel does when a listener is overloaded, read before the run.
import { runCommand } from '../system/runCommand';
import { readProcSysctls, sysctlPath } from '../system/sysctls';
import { numericSetting } from '../shared/sysctlValue';

// The rules read values through these; numericSetting lives in src/shared because the panel reads the same values.
export { numericSetting } from '../shared/sysctlValue';
export { sysctlPath } from '../system/sysctls';

export const LINUX_SETTING_KEYS = [
  'net.core.somaxconn',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_abort_on_overflow',
  // Absent before Linux 6.5: then the SYN retransmit schedule is purely exponential.
  'net.ipv4.tcp_syn_linear_timeouts',
  'net.ipv4.tcp_syn_retries',
  'net.ipv4.tcp_synack_retries',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_tw_reuse',
  'net.ipv4.tcp_fin_timeout',
] as const;

export const MACOS_SETTING_KEYS = ['kern.ipc.somaxconn', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last', 'kern.maxfilesperproc'] as const;

export interface SettingsReading {
  settings: Record<string, string>;
  notes: string[];
}

/** Reads /proc/sys directly (no sysctl binary needed); values are whitespace-normalised ("32768 60999"). */
export async function readLinuxSettings(): Promise<SettingsReading> {
  const { values, unreadable } = await readProcSysctls(LINUX_SETTING_KEYS);
  const notes = Object.entries(unreadable)
    // A missing tcp_syn_linear_timeouts is a fact about the kernel's age, not a failure.
    .filter(([key, code]) => !(code === 'ENOENT' && key === 'net.ipv4.tcp_syn_linear_timeouts'))
    .map(([key, code]) => `${key} could not be read from ${sysctlPath(key)} (${code}).`);
  return { settings: values, notes };
}

/** macOS: `sysctl -n` per key. Unverified on a real Mac; failures become notes. */
export async function readMacSettings(): Promise<SettingsReading> {
  const settings: Record<string, string> = {};
  const notes: string[] = [];
  for (const key of MACOS_SETTING_KEYS) {
    const out = await runCommand('sysctl', ['-n', key]);
    if (out.ok) settings[key] = out.stdout.trim();
    else notes.push(`${key}: ${out.error}`);
  }
  return { settings, notes };
}

/** The accept queue's cap: net.core.somaxconn on Linux, kern.ipc.somaxconn on macOS (only one is ever read). */
export function somaxconnSetting(settings: Record<string, string>): number | undefined {
  return numericSetting(settings, 'net.core.somaxconn') ?? numericSetting(settings, 'kern.ipc.somaxconn');
}

/** Size of net.ipv4.ip_local_port_range ("32768 60999" -> 28232). */
export function ephemeralPortCount(settings: Record<string, string>): number | undefined {
  const v = settings['net.ipv4.ip_local_port_range'];
  if (!v) return undefined;
  const [lo, hi] = v.split(' ').map(Number);
  return Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo ? hi - lo + 1 : undefined;
}
