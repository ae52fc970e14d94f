import { counterSource } from '../../system/procNetCounters';
import { sysctlPath } from '../kernelSettings';
import type { Evidence } from '../../shared/findings';
import type { DiagnosisFacts } from './diagnosisFacts';

export function counterEvidence(name: string, deltas: Record<string, number>, label = name): Evidence {
  return { label, value: deltas[name] ?? 0, source: `${counterSource(name)} (delta over the run)` };
}

export function settingEvidence(key: string, settings: Record<string, string>): Evidence | undefined {
  const v = settings[key];
  return v === undefined ? undefined : { label: key, value: v, source: sysctlPath(key) };
}

export function defined<T>(xs: Array<T | undefined>): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

const KERNEL_LOG_SOURCE = 'kernel log (new since the run started)';

/**
 * The run's "Possible SYN flooding" lines for the port (the first two); or, when the log was read and has none, why:
 * the kernel writes that line once per listening socket (tcp_syn_flood_action sets synflood_warned), and never with
 * tcp_syncookies=2, so a listener that overflowed in an earlier run is not named again.
 */
export function kernelLogEvidence(facts: Pick<DiagnosisFacts, 'kernelLogRead'>, lines: string[]): Evidence[] {
  if (lines.length > 0) return lines.slice(0, 2).map((l) => ({ label: 'Kernel log', value: l.trim(), source: KERNEL_LOG_SOURCE }));
  if (!facts.kernelLogRead) return [];
  return [
    {
      label: 'Kernel log',
      value: 'no new "Possible SYN flooding" line: the kernel writes it once per listening socket, so a listener that already overflowed in an earlier run is not named again',
      source: KERNEL_LOG_SOURCE,
    },
  ];
}
