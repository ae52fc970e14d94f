// Parsing and validation of what the user types in the "Custom..." input boxes. Pure: each parser returns either
// a value or the one sentence the input box shows under the field.

export type Parsed<T> = { value: T } | { error: string };

export function parseConnections(text: string): Parsed<number> {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 10_000) return { error: 'A whole number of connections from 1 to 10000' };
  return { value: n };
}

/** "20s", "2m", "20 s" is a duration; a bare number is a request count. */
export function parseStopAfter(text: string): Parsed<{ requests?: number; durationSeconds?: number }> {
  const t = text.trim().toLowerCase();
  const duration = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min)$/.exec(t);
  if (duration) {
    const seconds = Number(duration[1]) * (duration[2].startsWith('m') ? 60 : 1);
    if (seconds <= 0 || seconds > 3600) return { error: 'A duration from 1 s to 60 min' };
    return { value: { durationSeconds: seconds } };
  }
  if (/^\d+$/.test(t)) {
    const requests = Number(t);
    if (requests < 1 || requests > 10_000_000) return { error: 'A request count from 1 to 10000000' };
    return { value: { requests } };
  }
  return { error: 'A number of requests (e.g. 1000) or a duration (e.g. 20s, 2m)' };
}

/** Empty: as fast as the connections allow (closed model). */
export function parseRate(text: string): Parsed<number | undefined> {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0 || n > 1_000_000) return { error: 'Requests per second (e.g. 200), or empty for as fast as possible' };
  return { value: n };
}

export function parseMethod(text: string): Parsed<string> {
  const t = text.trim().toUpperCase() || 'GET';
  if (!/^[A-Z][A-Z0-9_-]*$/.test(t)) return { error: 'An HTTP method such as GET or POST' };
  return { value: t };
}

/** "Name: value | Name2: value2". A bar separates headers because values may hold commas and semicolons. */
export function parseHeaders(text: string): Parsed<Record<string, string> | undefined> {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const headers: Record<string, string> = {};
  for (const part of t.split('|')) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim();
    if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { error: `"${part.trim()}" is not "Name: value"` };
    headers[name] = part.slice(colon + 1).trim();
  }
  return { value: headers };
}

export function inputError<T>(parsed: Parsed<T>): string | undefined {
  return 'error' in parsed ? parsed.error : undefined;
}
