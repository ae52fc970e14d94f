// What "how hard to push" means to the user: a few named presets and a custom profile, turned into engine options.
// Pure (no `vscode`), so the presets and the custom-input parsing are testable anywhere.
import type { LoadOptions } from '../engine/loadOptions';
import { describeRunOptions } from '../shared/runOptionsText';

export interface LoadProfile {
  /** 'quick' | 'ab' | 'rate' for presets, 'custom' for one the user typed. */
  id: string;
  label: string;
  connections: number;
  requests?: number;
  durationSeconds?: number;
  /** Open model: requests per second. */
  rate?: number;
  keepAlive: boolean;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export const PRESET_PROFILES: readonly LoadProfile[] = [
  { id: 'quick', label: 'Quick check: 10 connections, keep-alive, 10 s', connections: 10, durationSeconds: 10, keepAlive: true },
  { id: 'ab', label: 'Like ab -c 50 -n 1000: new connection per request', connections: 50, requests: 1000, keepAlive: false },
  // The open model needs room for requests that are slow to answer; 50 connections is plenty for 200 req/s locally.
  { id: 'rate', label: 'Constant rate: 200 req/s for 20 s', connections: 50, rate: 200, durationSeconds: 20, keepAlive: true },
];

/** Options that come from settings rather than from the profile. */
export interface RunSettings {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  allowNonLoopback: boolean;
  insecure: boolean;
}

export function loadOptionsFor(url: string, profile: LoadProfile, settings: RunSettings): LoadOptions {
  return {
    url,
    connections: profile.connections,
    requests: profile.requests,
    durationMs: profile.durationSeconds !== undefined ? profile.durationSeconds * 1000 : undefined,
    rate: profile.rate,
    keepAlive: profile.keepAlive,
    method: profile.method,
    headers: profile.headers,
    body: profile.body,
    connectTimeoutMs: settings.connectTimeoutMs,
    responseTimeoutMs: settings.responseTimeoutMs,
    allowNonLoopback: settings.allowNonLoopback,
    insecure: settings.insecure,
  };
}

/** Same load, whatever the label: used to list the last-used profile once. */
export function sameLoad(a: LoadProfile, b: LoadProfile): boolean {
  const { id: _a, label: _la, ...restA } = a;
  const { id: _b, label: _lb, ...restB } = b;
  return JSON.stringify(sortedKeys(restA)) === JSON.stringify(sortedKeys(restB));
}

function sortedKeys(value: object): Array<[string, unknown]> {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** A label for a custom profile, in the words every run description uses. */
export function describeProfile(profile: Omit<LoadProfile, 'id' | 'label'>): string {
  return describeRunOptions({ ...profile, durationMs: profile.durationSeconds !== undefined ? profile.durationSeconds * 1000 : undefined });
}

/** A profile read back from workspaceState: anything malformed is dropped rather than run. */
export function storedProfile(value: unknown): LoadProfile | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const p = value as Partial<LoadProfile>;
  if (typeof p.id !== 'string' || typeof p.label !== 'string' || typeof p.connections !== 'number' || typeof p.keepAlive !== 'boolean') {
    return undefined;
  }
  return p as LoadProfile;
}
