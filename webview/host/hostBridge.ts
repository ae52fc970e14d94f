// The one place that talks to the VS Code webview API. In a standalone HTML report there is no host: messages go
// nowhere, state is not kept, and the panel is read-only.
import type { WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface HostBridge {
  /** False in a standalone report: buttons that need the extension are hidden. */
  readonly connected: boolean;
  post(message: WebviewToHost): void;
  loadState(): unknown;
  saveState(state: unknown): void;
}

export function connectToHost(): HostBridge {
  // acquireVsCodeApi may be called only once per page, so this runs once from main.ts.
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  if (!api) {
    return { connected: false, post: () => undefined, loadState: () => undefined, saveState: () => undefined };
  }
  return {
    connected: true,
    post: (message) => api.postMessage(message),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
