// Reads sysctl.conf / sysctl.d/*.conf the way `sysctl --system` does: `key = value` lines, `#` and `;` comments,
// a leading `-` meaning "ignore a failure", keys written with dots or slashes.
import type { TextSpan } from './listenSite';

export interface SysctlEntry {
  /** Dotted form, e.g. "net.core.somaxconn" (slashes converted). */
  key: string;
  /** As written in the file. */
  rawKey: string;
  value: string;
  ignoreFailure: boolean;
  /** 0-based line. */
  line: number;
  keySpan: TextSpan;
  valueSpan: TextSpan;
}

export function normalizeSysctlKey(key: string): string {
  return key.replace(/\//g, '.');
}

export function parseSysctlConf(text: string): SysctlEntry[] {
  const entries: SysctlEntry[] = [];
  let lineStart = 0;
  const lines = text.split('\n');
  lines.forEach((rawLine, line) => {
    const offset = lineStart;
    lineStart += rawLine.length + 1;
    const lineText = rawLine.replace(/\r$/, '');
    const m = /^(\s*)(-?)\s*([^\s=#;][^=]*?)\s*=\s*(.*?)\s*$/.exec(lineText);
    if (!m || /^\s*[#;]/.test(lineText)) return;
    const [, indent, dash, rawKey, value] = m;
    const keyStart = offset + lineText.indexOf(rawKey, indent.length + dash.length);
    const valueStart = value ? offset + lineText.lastIndexOf(value) : offset + lineText.length;
    entries.push({
      key: normalizeSysctlKey(rawKey),
      rawKey,
      value,
      ignoreFailure: dash === '-',
      line,
      keySpan: { start: keyStart, end: keyStart + rawKey.length },
      valueSpan: { start: valueStart, end: valueStart + value.length },
    });
  });
  return entries;
}

/** sysctl.conf or any `.conf` in a `sysctl.d` folder. */
export function isSysctlConfPath(path: string): boolean {
  return /(?:^|[\\/])sysctl\.conf$/.test(path) || /(?:^|[\\/])sysctl\.d[\\/][^\\/]+\.conf$/.test(path);
}
