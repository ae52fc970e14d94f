// Messages arrive from `window` events, which anything in the page could post: accept only well-formed host messages.
import { isHostMessageType, type HostToWebview } from '../../src/shared/protocol';

export function isHostMessage(data: unknown): data is HostToWebview {
  return typeof data === 'object' && data !== null && isHostMessageType((data as { type?: unknown }).type);
}
