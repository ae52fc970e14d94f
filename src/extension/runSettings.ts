// The `loadTest.*` settings a run reads. In an untrusted workspace VS Code itself ignores the workspace's values of
// the settings the manifest lists under `restrictedConfigurations` (the URL, non-loopback, certificates).
import * as vscode from 'vscode';
import type { LoadProfile, RunSettings } from './loadProfiles';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('loadTest');
}

export function readRunSettings(): RunSettings {
  const c = config();
  return {
    connectTimeoutMs: c.get<number>('connectTimeoutMs', 10_000),
    responseTimeoutMs: c.get<number>('responseTimeoutMs', 30_000),
    // The user's own settings only: a repository's .vscode/settings.json must never aim the tool at another host
    // (the manifest scopes it `application` too; reading only the user value holds even if that changes).
    allowNonLoopback: c.inspect<boolean>('allowNonLoopback')?.globalValue === true,
    insecure: c.get<boolean>('acceptSelfSignedCertificates', true),
  };
}

/** The starting values of "Custom...". */
export function defaultCustomProfile(): Omit<LoadProfile, 'id' | 'label'> {
  const c = config();
  return {
    connections: c.get<number>('connections', 10),
    durationSeconds: c.get<number>('durationSeconds', 10),
    keepAlive: c.get<boolean>('keepAlive', true),
  };
}

export function historySize(): number {
  return Math.max(1, Math.min(200, config().get<number>('historySize', 20)));
}
