// Go servers: net.Listen and everything built on it (http.ListenAndServe, Server.ListenAndServe, Gin, Echo,
// Fiber). Go asks the kernel for net.core.somaxconn itself, so there is no argument to raise: the fix is the sysctl.
import { callArguments, spanText } from './callArguments';
import { maskCode } from './codeMask';
import { lineAndCharacter, type ListenSite } from './listenSite';
import { portValue } from './portExpression';

interface GoCall {
  pattern: RegExp;
  label: string;
  /** Which argument holds the address; undefined when it is set elsewhere (Server{Addr: ...}). */
  addressArg?: number;
  /** Only in files importing this path, for method names too common to trust alone. */
  needsImport?: string;
}

const GO_CALLS: GoCall[] = [
  { pattern: /\bnet\s*\.\s*Listen\s*\(/g, label: 'net.Listen', addressArg: 1 },
  { pattern: /\bnet\s*\.\s*ListenTCP\s*\(/g, label: 'net.ListenTCP' },
  { pattern: /\.\s*Listen\s*\(\s*ctx\b/g, label: 'net.ListenConfig.Listen', addressArg: 2 },
  { pattern: /\bhttp\s*\.\s*ListenAndServe(?:TLS)?\s*\(/g, label: 'http.ListenAndServe', addressArg: 0 },
  { pattern: /(?<!http\s*)\.\s*ListenAndServe(?:TLS)?\s*\(/g, label: 'http.Server.ListenAndServe' },
  { pattern: /\.\s*Run\s*\(/g, label: 'Gin Run', addressArg: 0, needsImport: 'github.com/gin-gonic/gin' },
  { pattern: /\.\s*Start\s*\(/g, label: 'Echo Start', addressArg: 0, needsImport: 'github.com/labstack/echo' },
  { pattern: /\.\s*Listen\s*\(\s*(?!ctx\b)/g, label: 'Fiber Listen', addressArg: 0, needsImport: 'github.com/gofiber/fiber' },
];

export function findGoListenSites(text: string): ListenSite[] {
  const masked = maskCode(text, 'go');
  const sites: ListenSite[] = [];
  const serverAddr = /\bAddr\s*:\s*([^,\n}]+)/.exec(masked);
  for (const call of GO_CALLS) {
    if (call.needsImport && !text.includes(`"${call.needsImport}`)) continue;
    call.pattern.lastIndex = 0;
    for (let m = call.pattern.exec(masked); m; m = call.pattern.exec(masked)) {
      const open = masked.indexOf('(', m.index);
      const parsed = callArguments(masked, open);
      if (!parsed) continue;
      let start = m.index;
      if (masked[start] === '.') {
        while (start > 0 && /[\w.]/.test(masked[start - 1])) start--;
      }
      const site: ListenSite = {
        api: 'go-net-listen',
        apiLabel: call.label,
        span: { start, end: parsed.close + 1 },
        ...lineAndCharacter(text, start),
        defaultBacklog: 'somaxconn',
        defaultSource: 'Go passes net.core.somaxconn to listen(); there is no backlog argument',
      };
      const address = call.addressArg !== undefined ? parsed.args[call.addressArg] : undefined;
      const addrText = address
        ? spanText(text, address)
        : serverAddr
          ? text.slice(serverAddr.index + serverAddr[0].length - serverAddr[1].length, serverAddr.index + serverAddr[0].length).trim()
          : undefined;
      if (call.needsImport && !address) continue;
      if (addrText) site.port = { text: addrText, value: portValue(addrText, text, masked) };
      sites.push(site);
    }
  }
  return dedupe(sites);
}

/** `http.ListenAndServe` also matches the method pattern at a later offset; keep one site per call. */
function dedupe(sites: ListenSite[]): ListenSite[] {
  const byEnd = new Map<number, ListenSite>();
  for (const site of sites) {
    const seen = byEnd.get(site.span.end);
    if (!seen || site.span.start < seen.span.start) byEnd.set(site.span.end, site);
  }
  return [...byEnd.values()].sort((a, b) => a.span.start - b.span.start);
}
