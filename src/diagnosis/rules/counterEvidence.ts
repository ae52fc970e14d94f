import { counterSource } from '../../system/procNetCounters';
import { sysctlPath } from '../kernelSettings';
import type { Evidence } from '../../shared/findings';

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
