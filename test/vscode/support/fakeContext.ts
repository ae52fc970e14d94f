// An ExtensionContext with only a workspaceState kept in memory: what the pickers read and write.
import type * as vscode from 'vscode';

export function fakeContext(initial: Record<string, unknown> = {}): vscode.ExtensionContext {
  const state = new Map<string, unknown>(Object.entries(initial));
  const workspaceState = {
    keys: () => [...state.keys()],
    get: (key: string, fallback?: unknown) => (state.has(key) ? state.get(key) : fallback),
    update: async (key: string, value: unknown) => {
      state.set(key, value);
    },
  };
  return { workspaceState } as unknown as vscode.ExtensionContext;
}
