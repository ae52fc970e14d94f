// Error causes and phases in words a user reads in the panel and reports. The system's own code stays in brackets
// where it has one (ECONNRESET is what ab, curl and the server log print); our own cause names are not shown raw.
import type { ErrorCause, ErrorPhase } from './result';

const CAUSE_WORDS: Record<ErrorCause, string> = {
  ECONNRESET: 'Connection reset (ECONNRESET)',
  ECONNREFUSED: 'Connection refused (ECONNREFUSED)',
  'connect-timeout': 'Connect timed out',
  'response-timeout': 'Response timed out',
  EPIPE: 'Closed while sending (EPIPE)',
  EADDRNOTAVAIL: 'No free local port (EADDRNOTAVAIL)',
  EMFILE: 'Too many open files (EMFILE)',
  ETIMEDOUT: 'Timed out in the kernel (ETIMEDOUT)',
  EHOSTUNREACH: 'Host unreachable (EHOSTUNREACH)',
  'closed-by-peer': 'Server closed the connection early',
  'http-parse-error': 'Malformed HTTP response',
  'length-mismatch': 'Body shorter or longer than announced',
  'tls-error': 'TLS error',
  other: 'Other error',
};

/** Short, for chart legends: "reset", "connect timeout". */
const CAUSE_SHORT: Record<ErrorCause, string> = {
  ECONNRESET: 'resets',
  ECONNREFUSED: 'refused',
  'connect-timeout': 'connect timeouts',
  'response-timeout': 'response timeouts',
  EPIPE: 'EPIPE',
  EADDRNOTAVAIL: 'no local port',
  EMFILE: 'too many files',
  ETIMEDOUT: 'kernel timeouts',
  EHOSTUNREACH: 'unreachable',
  'closed-by-peer': 'closed early',
  'http-parse-error': 'malformed',
  'length-mismatch': 'wrong length',
  'tls-error': 'TLS errors',
  other: 'other errors',
};

const PHASE_WORDS: Record<ErrorPhase, string> = {
  connect: 'connecting',
  send: 'sending the request',
  'wait-headers': 'waiting for the response',
  'read-body': 'reading the body',
};

export function errorCauseWords(cause: ErrorCause): string {
  return CAUSE_WORDS[cause] ?? cause;
}

export function errorCauseShort(cause: ErrorCause): string {
  return CAUSE_SHORT[cause] ?? cause;
}

export function errorPhaseWords(phase: ErrorPhase): string {
  return PHASE_WORDS[phase] ?? phase;
}

/**
 * A first-seen error message as shown: results saved before describeError left undici's codes out may still start
 * with "UND_ERR_…: ", an internal name that says nothing to the reader.
 */
export function errorMessageWords(message: string): string {
  return message.replace(/\bUND_ERR_[A-Z_]+:?\s*/g, '').trim() || message;
}
