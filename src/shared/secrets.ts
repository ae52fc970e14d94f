// Credentials a user gives for a run are sent, never kept: results, history, exports and logs hold a placeholder.

/** Headers that carry credentials or sessions (lower-case, as the engine stores header names). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token']);

export const REDACTED = '[redacted]';

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}

/** Headers read back from storage: a credential that was never stored is left out, not sent as the placeholder. */
export function withoutRedacted(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== REDACTED));
}

/**
 * `http://user:pass@host/` -> `http://host/`, and `user:pass@host:3000` (typed without a scheme, which URL would
 * read as the scheme "user:") -> `host:3000`; other text is returned as it is.
 */
export function redactUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text.replace(/^[^/@\s]*@/, '');
  try {
    const url = new URL(text);
    if (!url.username && !url.password) return text;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return text.replace(/\/\/[^/@\s]*@/, '//');
  }
}
