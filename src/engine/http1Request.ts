// The request of a run, encoded once as the exact bytes every load connection writes (HTTP/1.1 over plain TCP).
import type { ShareSetup } from './workerMessages';

/**
 * Head and body in one buffer, so each request is a single write (and a single segment when it fits). The caller's
 * headers win over the ones added here; `connection: close` asks for a new connection per request (ab without -k).
 */
export function encodeHttp1Request(setup: Pick<ShareSetup, 'method' | 'path' | 'headers' | 'body' | 'keepAlive'>): Buffer {
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
  return body ? Buffer.concat([headBytes, body]) : headBytes;
}
