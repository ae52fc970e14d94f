// Turn whatever undici, the socket or our own HTTP/1.1 framing threw into a cause the user can act on. Errors are counted, never fatal.
import { stripControlCharacters } from '../shared/controlCharacters';
import type { ErrorCause } from '../shared/result';
import { answeredWithTls } from './http1ResponseParser';
import { TLS_ANSWER } from './tlsBehindHttp';

const BY_CODE: Record<string, ErrorCause> = {
  ECONNRESET: 'ECONNRESET',
  ECONNREFUSED: 'ECONNREFUSED',
  EPIPE: 'EPIPE',
  EADDRNOTAVAIL: 'EADDRNOTAVAIL',
  EMFILE: 'EMFILE',
  ENFILE: 'EMFILE',
  ETIMEDOUT: 'ETIMEDOUT',
  EHOSTUNREACH: 'EHOSTUNREACH',
  ENETUNREACH: 'EHOSTUNREACH',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'response-timeout',
  UND_ERR_BODY_TIMEOUT: 'response-timeout',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'length-mismatch',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'length-mismatch',
  UND_ERR_SOCKET: 'closed-by-peer',
  UND_ERR_CLOSED: 'closed-by-peer',
  UND_ERR_INFO: 'http-parse-error',
  UND_ERR_HEADERS_OVERFLOW: 'http-parse-error',
  UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE: 'http-parse-error',
  HPE_INVALID_CONSTANT: 'http-parse-error',
};

export function classifyError(err: unknown): ErrorCause {
  const e = err as { code?: string; name?: string; cause?: unknown; message?: string } | undefined;
  if (tlsAnswer(err)) return 'tls-error';
  const code = e?.code;
  if (code !== undefined) {
    // The socket's own errno is more telling than undici's wrapper ("other side closed").
    // undici's word for a response it cannot take (an unsolicited 100 Continue, for one): a protocol error, not a close.
    if (code === 'UND_ERR_SOCKET' && e?.message === 'bad response') return 'http-parse-error';
    if (code === 'UND_ERR_SOCKET' && e?.cause) {
      const inner = classifyError(e.cause);
      if (inner !== 'other') return inner;
    }
    const known = BY_CODE[code];
    if (known) return known;
    if (code.startsWith('HPE_')) return 'http-parse-error';
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'EPROTO') return 'tls-error';
  }
  if (e?.name === 'HTTPParserError') return 'http-parse-error';
  if (e?.name === 'ResponseTimeoutError') return 'response-timeout';
  return 'other';
}

/** undici's parser keeps the bytes it choked on: a TLS record there means http:// to a TLS server. */
function tlsAnswer(err: unknown): boolean {
  const data = (err as { data?: unknown } | undefined)?.data;
  return typeof data === 'string' && data.length >= 2 && answeredWithTls(data.charCodeAt(0), data.charCodeAt(1));
}

/**
 * A short, recognisable line for the report: the system's error code first (ECONNRESET, as ab prints it), then the
 * message. undici's own codes (UND_ERR_*) are its internals, not words a user meets elsewhere: left out.
 */
export function describeError(err: unknown): string {
  if (tlsAnswer(err)) return TLS_ANSWER;
  const e = err as { code?: string; message?: string } | undefined;
  // Parser errors may quote the server's bytes: no control character may reach a terminal or a log.
  const message = stripControlCharacters((e?.message ?? String(err)).split('\n')[0], true).slice(0, 200);
  const code = e?.code?.startsWith('UND_ERR_') ? undefined : e?.code;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Raised by the engine itself when a request exceeds the response timeout as a whole (e.g. an endless body). */
export class ResponseTimeoutError extends Error {
  override name = 'ResponseTimeoutError';
  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
  }
}

/** Raised by the lean socket path when a TCP connect takes longer than the connect timeout. */
export class ConnectTimeoutError extends Error {
  override name = 'ConnectTimeoutError';
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no TCP connection within ${timeoutMs} ms`);
  }
}

/** The server closed the connection (FIN) before the response was complete. */
export class PeerClosedError extends Error {
  override name = 'PeerClosedError';
  readonly code = 'UND_ERR_SOCKET';
  constructor(what: string) {
    super(`the server closed the connection ${what}`);
  }
}
