// Messages arrive from `window` events, which anything in the page could post: accept only well-formed host messages.
import type { HostMessageType, HostToWebview } from '../../src/protocol';

const HOST_MESSAGE_TYPES: ReadonlySet<HostMessageType> = new Set<HostMessageType>(['init', 'runStarted', 'progress', 'runStopping', 'runFinished', 'showRun', 'history', 'baseline']);

export function isHostMessage(data: unknown): data is HostToWebview {
  return typeof data === 'object' && data !== null && HOST_MESSAGE_TYPES.has((data as { type?: unknown }).type as HostMessageType);
}
