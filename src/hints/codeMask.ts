// Blanks out comments and string contents so that pattern matching only ever sees code. Every character keeps
// its offset (newlines survive), so a match in the masked text is a match at the same place in the original.

/** Comment and string rules of a family of languages, as far as finding listen calls needs them. */
export type CodeSyntax = 'js' | 'go' | 'python' | 'ruby' | 'hash-comments' | 'shell';

const COMMENT_FILL = ' ';
/** String contents become this, so `"a,b"` cannot split arguments and `"x.listen(1)"` cannot match. */
const STRING_FILL = '_';

export function maskCode(text: string, syntax: CodeSyntax): string {
  switch (syntax) {
    case 'js':
      return maskCLike(text, { templates: true, regexLiterals: true, rawBackticks: false });
    case 'go':
      return maskCLike(text, { templates: false, regexLiterals: false, rawBackticks: true });
    case 'python':
      return maskHashLanguage(text, { tripleQuotes: true, rubyBlockComments: false, maskStrings: true });
    case 'ruby':
      return maskHashLanguage(text, { tripleQuotes: false, rubyBlockComments: true, maskStrings: true });
    case 'hash-comments':
      return maskHashLanguage(text, { tripleQuotes: false, rubyBlockComments: false, maskStrings: true });
    case 'shell':
      // Commands often live inside quotes (sh -c "...", package.json), so only comments go.
      return maskShellComments(text);
  }
}

class Masked {
  readonly chars: string[];
  constructor(text: string) {
    this.chars = Array.from({ length: text.length }, (_, i) => text[i]);
  }
  fill(from: number, to: number, fill: string): void {
    for (let i = from; i < to && i < this.chars.length; i++) {
      if (this.chars[i] !== '\n' && this.chars[i] !== '\r') this.chars[i] = fill;
    }
  }
  toString(): string {
    return this.chars.join('');
  }
}

/** Index just past a quoted string starting at `start` (the opening quote), honouring backslash escapes. */
function endOfQuoted(text: string, start: number, quote: string, stopAtNewline: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    if (stopAtNewline && c === '\n') return i;
    i++;
  }
  return text.length;
}

const REGEX_AFTER_CHARS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/** A `/` starts a regex literal when what precedes it cannot end an expression. */
function slashStartsRegex(text: string, slash: number): boolean {
  let i = slash - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (i < 0) return true;
  if (REGEX_AFTER_CHARS.has(text[i])) return true;
  const word = /[A-Za-z_$]+$/.exec(text.slice(Math.max(0, i - 10), i + 1));
  return word !== null && REGEX_AFTER_WORDS.has(word[0]);
}

function endOfRegex(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      i++;
      while (i < text.length && /[a-z]/i.test(text[i])) i++;
      return i;
    }
    i++;
  }
  return i;
}

function maskCLike(
  text: string,
  opts: { templates: boolean; regexLiterals: boolean; rawBackticks: boolean },
): string {
  const out = new Masked(text);
  // Brace depths of the template literals whose `${ }` we are inside: code there is real code.
  const templateStack: number[] = [];
  let braceDepth = 0;
  let i = 0;

  const scanTemplate = (from: number): number => {
    // `from` is just after a backtick or a closing `}` of a substitution; returns where code resumes.
    let j = from;
    while (j < text.length) {
      const c = text[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === '`') {
        out.fill(from, j, STRING_FILL);
        return j + 1;
      }
      if (c === '$' && text[j + 1] === '{') {
        out.fill(from, j, STRING_FILL);
        templateStack.push(braceDepth);
        braceDepth++;
        return j + 2;
      }
      j++;
    }
    out.fill(from, text.length, STRING_FILL);
    return text.length;
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.fill(i, stop, COMMENT_FILL);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out.fill(i, stop, COMMENT_FILL);
      i = stop;
    } else if (c === '"' || c === "'") {
      const end = endOfQuoted(text, i, c, true);
      out.fill(i + 1, end - 1, STRING_FILL);
      i = end;
    } else if (c === '`' && opts.templates) {
      i = scanTemplate(i + 1);
    } else if (c === '`' && opts.rawBackticks) {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out.fill(i + 1, stop - 1, STRING_FILL);
      i = stop;
    } else if (c === '/' && opts.regexLiterals && slashStartsRegex(text, i)) {
      const end = endOfRegex(text, i);
      out.fill(i + 1, end, STRING_FILL);
      i = end;
    } else if (c === '{') {
      braceDepth++;
      i++;
    } else if (c === '}') {
      braceDepth--;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        i = scanTemplate(i + 1);
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  return out.toString();
}

function maskHashLanguage(
  text: string,
  opts: { tripleQuotes: boolean; rubyBlockComments: boolean; maskStrings: boolean },
): string {
  const out = new Masked(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (opts.rubyBlockComments && atLineStart && text.startsWith('=begin', i)) {
      const end = /^=end\b.*$/m.exec(text.slice(i));
      const stop = end ? i + end.index + end[0].length : text.length;
      out.fill(i, stop, COMMENT_FILL);
      i = stop;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.fill(i, stop, COMMENT_FILL);
      i = stop;
    } else if ((c === '"' || c === "'") && opts.maskStrings) {
      if (opts.tripleQuotes && text.startsWith(c.repeat(3), i)) {
        const close = text.indexOf(c.repeat(3), i + 3);
        const stop = close < 0 ? text.length : close + 3;
        out.fill(i + 3, stop - 3, STRING_FILL);
        i = stop;
      } else {
        const end = endOfQuoted(text, i, c, !opts.rubyBlockComments);
        out.fill(i + 1, end - 1, STRING_FILL);
        i = end;
      }
    } else {
      i++;
    }
  }
  return out.toString();
}

function maskShellComments(text: string): string {
  const out = new Masked(text);
  // A `#` starts a comment only at the start of a word (`$#`, `a#b` and `"#"` are not comments).
  const comment = /(^|[\s;])#[^\n]*/g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const start = m.index + m[1].length;
    out.fill(start, m.index + m[0].length, COMMENT_FILL);
  }
  return out.toString();
}
