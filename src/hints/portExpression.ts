// Works out a port number from how the code writes it: a literal, a string like ":8080", an env fallback
// (`process.env.PORT || 3000`, `os.environ.get("PORT", 8000)`), or a variable assigned one of those.

const MAX_PORT = 65535;

function asPort(n: number): number | undefined {
  return Number.isInteger(n) && n > 0 && n <= MAX_PORT ? n : undefined;
}

/**
 * `expression` is original source text; `text` is the whole (original) document, searched for the assignment of
 * a variable; `masked` the same document masked, so that assignments in comments are not taken.
 */
export function portValue(expression: string, text: string, masked: string, depth = 0): number | undefined {
  const expr = expression.trim();
  if (/^\d+$/.test(expr)) return asPort(Number(expr));
  const quoted = /^(['"`])([^'"`]*)\1$/.exec(expr);
  if (quoted) {
    const m = /(?:^|:)(\d{1,5})$/.exec(quoted[2]);
    return m ? asPort(Number(m[1])) : undefined;
  }
  if (/^[A-Za-z_$][\w$]*$/.test(expr)) return depth < 3 ? variableValue(expr, text, masked, depth) : undefined;

  // A compound expression: the numbers written in it (drop parseInt's radix), last one wins as the fallback.
  const candidates: number[] = [];
  const numbers = /(?<![\w.])(['"]?)(?::)?(\d{2,5})\1(?![\w.])/g;
  for (let m = numbers.exec(expr); m; m = numbers.exec(expr)) {
    const before = expr.slice(0, m.index).trimEnd();
    const after = expr.slice(m.index + m[0].length).trimStart();
    if (m[2] === '10' && before.endsWith(',') && after.startsWith(')')) continue;
    const port = asPort(Number(m[2]));
    if (port !== undefined) candidates.push(port);
  }
  if (candidates.length > 0) return candidates[candidates.length - 1];
  // `":" + port`, `f"{HOST}:{PORT}"`: try the names in it that look like ports.
  for (const name of expr.match(/[A-Za-z_$][\w$]*/g) ?? []) {
    if (!/port/i.test(name) || depth >= 3) continue;
    const value = variableValue(name, text, masked, depth);
    if (value !== undefined) return value;
  }
  return undefined;
}

function variableValue(name: string, text: string, masked: string, depth: number): number | undefined {
  // `const PORT = 3000`, `PORT = 8000`, `port := ":8080"`, `var port = 8080`, `PORT: int = 8000`.
  const assignment = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?(?::=|=(?![=>]))\\s*`, 'g');
  for (let m = assignment.exec(masked); m; m = assignment.exec(masked)) {
    const from = m.index + m[0].length;
    const lineEnd = text.indexOf('\n', from);
    let rhs = text.slice(from, lineEnd < 0 ? text.length : lineEnd);
    rhs = rhs.replace(/;\s*$/, '').replace(/\s+(\/\/|#).*$/, '');
    const value = portValue(rhs, text, masked, depth + 1);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
