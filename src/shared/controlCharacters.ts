// Bytes a server (or a process on the machine) chose must never drive the user's terminal: `\x1b]0;TITLE\x07`
// retitles it and `\x1b[2J` clears it. Every string a run keeps passes through here before anyone shows it.

/** C0 controls except tab and line feed, DEL, and C1 controls (U+0080-U+009F, 8-bit CSI and OSC among them). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const CONTROL_OR_NEWLINE = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/** Removes control characters; `singleLine` also turns line feeds into spaces. */
export function stripControlCharacters(text: string, singleLine = false): string {
  return singleLine ? text.replace(CONTROL_OR_NEWLINE, (c) => (c === '\n' ? ' ' : '')) : text.replace(CONTROL, '');
}

/** The same, applied to every string inside plain data (a RunResult, a finding), in place; returns it. */
export function stripControlCharactersDeep<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripDeepValue(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = stripDeepValue(record[key]);
  }
  return value;
}

function stripDeepValue(value: unknown): unknown {
  return typeof value === 'string' ? stripControlCharacters(value) : stripControlCharactersDeep(value);
}
