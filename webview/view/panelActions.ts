// What the view can ask for. The panel posts these to the host; a standalone report has no host, so only what can
// work without one (copying) is offered there.
import type { WebviewToHost } from '../../src/shared/protocol';

export interface PanelActions {
  /** False in a standalone report: hide everything that needs the extension. */
  readonly connected: boolean;
  post(message: WebviewToHost): void;
  copy(text: string): void;
}
