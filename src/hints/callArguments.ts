// Splits a call's arguments on top-level commas, working on masked text (see codeMask.ts) so commas in strings
// and comments never count.
import type { TextSpan } from './listenSite';

export interface CallArguments {
  /** Offset of `(` and of its matching `)`. */
  open: number;
  close: number;
  /** Each argument, trimmed of surrounding whitespace. Empty for `()`; a trailing comma adds nothing. */
  args: TextSpan[];
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Parses the bracketed list starting at `open` (a `(`, `[` or `{`); undefined when it never closes. */
export function callArguments(masked: string, open: number): CallArguments | undefined {
  const closer = OPENERS[masked[open]];
  if (!closer) return undefined;
  const stack: string[] = [closer];
  const args: TextSpan[] = [];
  let argStart = open + 1;
  for (let i = open + 1; i < masked.length; i++) {
    const c = masked[i];
    if (OPENERS[c]) {
      stack.push(OPENERS[c]);
    } else if (c === ')' || c === ']' || c === '}') {
      if (c !== stack[stack.length - 1]) return undefined;
      stack.pop();
      if (stack.length === 0) {
        pushTrimmed(masked, argStart, i, args);
        return { open, close: i, args };
      }
    } else if (c === ',' && stack.length === 1) {
      pushTrimmed(masked, argStart, i, args);
      argStart = i + 1;
    }
  }
  return undefined;
}

function pushTrimmed(masked: string, from: number, to: number, into: TextSpan[]): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(masked[start])) start++;
  while (end > start && /\s/.test(masked[end - 1])) end--;
  if (end > start) into.push({ start, end });
}

export function spanText(text: string, span: TextSpan): string {
  return text.slice(span.start, span.end);
}

/** A keyword argument `name=value` (Python) among `args`: the value's span, or undefined. */
export function keywordArgument(masked: string, args: TextSpan[], name: string): TextSpan | undefined {
  const pattern = new RegExp(`^${name}\\s*=(?!=)\\s*`);
  for (const arg of args) {
    const m = pattern.exec(masked.slice(arg.start, arg.end));
    if (m) return { start: arg.start + m[0].length, end: arg.end };
  }
  return undefined;
}

/** A property `name: value` (or shorthand `name`) at the top level of an object literal spanning `object`. */
export function objectProperty(
  masked: string,
  object: TextSpan,
): (name: string) => { key: TextSpan; value: TextSpan; shorthand: boolean } | undefined {
  const parsed = callArguments(masked, object.start);
  const props = parsed?.args ?? [];
  return (name) => {
    for (const prop of props) {
      const body = masked.slice(prop.start, prop.end);
      const m = new RegExp(`^(['"]?)${name}\\1\\s*(:\\s*)?`).exec(body);
      if (!m) continue;
      const key = { start: prop.start, end: prop.start + m[0].replace(/\s*:\s*$/, '').length };
      if (m[2]) return { key, value: { start: prop.start + m[0].length, end: prop.end }, shorthand: false };
      if (body.length === name.length) return { key, value: key, shorthand: true };
    }
    return undefined;
  };
}
