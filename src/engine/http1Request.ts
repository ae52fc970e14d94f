// The request of a run, encoded once as the exact bytes every load connection writes (HTTP/1.1 over plain TCP).
import type { ShareSetup } from './workerMessages';

/** Above this a body is written from the run's one shared copy instead of being copied behind the head. */
const COPIED_BODY_MAX = 64 * 1024;

/**
 * Head and a small body in one buffer, so each request is a single write (and a single segment when it fits); a
 * large body stays the one shared copy of the run (a 100 MB body file used to be held four times), written right
 * after the head. The caller's headers win over the ones added here; `connection: close` asks for a new connection
 * per request (ab without -k).
 */
export function encodeHttp1Request(setup: Pick<ShareSetup, 'method' | 'path' | 'headers' | 'body' | 'keepAlive'>): Buffer[] {
  const headers = new Map(Object.entries(setup.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const body = setup.body ? Buffer.from(setup.body.buffer, setup.body.byteOffset, setup.body.byteLength) : undefined;
  // A body always has a length; so does a POST or PUT without one, or some servers wait for it.
  const needsLength = body !== undefined || setup.method === 'POST' || setup.method === 'PUT' || setup.method === 'PATCH';
  if (needsLength && !headers.has('content-length') && !headers.has('transfer-encoding')) {
    headers.set('content-length', String(body?.byteLength ?? 0));
  }
  if (!setup.keepAlive && !headers.has('connection')) headers.set('connection', 'close');
  let head = `${setup.method} ${setup.path || '/'} HTTP/1.1\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  if (!body) return [headBytes];
  return body.byteLength <= COPIED_BODY_MAX ? [Buffer.concat([headBytes, body])] : [headBytes, body];
}
