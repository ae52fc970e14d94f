// Text that came from outside (a process's command line, a workspace file) on its way to a terminal or a panel:
// control characters and bidirectional overrides removed, so it cannot move the cursor, recolour or reorder.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Keeps newlines and tabs; drops every other control character. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '');
}
