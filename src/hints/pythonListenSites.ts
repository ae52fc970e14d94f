// Python servers: socket.listen(n), socketserver/http.server (request_queue_size, 5 by default), asyncio and
// aiohttp (backlog=), tornado, uvicorn.run(backlog=), Flask's app.run(), and gunicorn config files.
import { callArguments, keywordArgument, spanText, type CallArguments } from './callArguments';
import { maskCode } from './codeMask';
import { lineAndCharacter, type ListenApi, type ListenSite, type TextSpan } from './listenSite';
import { portValue } from './portExpression';

/** Python >= 3.5 `socket.listen()` without argument: min(SOMAXCONN, 128). */
export const PYTHON_SOCKET_DEFAULT_BACKLOG = 128;
export const SOCKETSERVER_DEFAULT_BACKLOG = 5;
export const UVICORN_DEFAULT_BACKLOG = 2048;
export const GUNICORN_DEFAULT_BACKLOG = 2048;

interface KeywordApi {
  api: ListenApi;
  label: string;
  call: RegExp;
  defaultBacklog: number;
  defaultSource: string;
  /** Where the port is when it is passed positionally (0-based), if ever. */
  portPosition?: number;
}

const KEYWORD_APIS: KeywordApi[] = [
  {
    api: 'uvicorn',
    label: 'uvicorn.run()',
    call: /\buvicorn\s*\.\s*run\s*\(/g,
    defaultBacklog: UVICORN_DEFAULT_BACKLOG,
    defaultSource: "uvicorn's default backlog is 2048",
  },
  {
    api: 'python-aiohttp',
    label: 'aiohttp web.run_app()',
    call: /\brun_app\s*\(/g,
    defaultBacklog: 128,
    defaultSource: "aiohttp's run_app() default backlog is 128",
  },
  {
    api: 'python-asyncio',
    label: 'asyncio start_server()',
    call: /\b(?:asyncio\s*\.\s*)?start_server\s*\(/g,
    defaultBacklog: 100,
    defaultSource: "asyncio's default backlog is 100",
    portPosition: 2,
  },
  {
    api: 'python-asyncio',
    label: 'asyncio create_server()',
    call: /\.\s*create_server\s*\(/g,
    defaultBacklog: 100,
    defaultSource: "asyncio's default backlog is 100",
    portPosition: 2,
  },
];

const SOCKETSERVER_CLASSES =
  /(?<![\w.])((?:(?:socketserver|http\.server|server)\s*\.\s*)?(?:Threading|Forking)?(?:TCPServer|HTTPServer))\s*\(/g;

export function findPythonListenSites(text: string, fileName = ''): ListenSite[] {
  const masked = maskCode(text, 'python');
  const sites: ListenSite[] = [];
  const site = (api: ListenApi, apiLabel: string, span: TextSpan, defaultBacklog: number, defaultSource: string) => {
    const s: ListenSite = { api, apiLabel, span, ...lineAndCharacter(text, span.start), defaultBacklog, defaultSource };
    sites.push(s);
    return s;
  };
  const usesTornado = /^\s*(?:import|from)\s+tornado\b/m.test(masked);

  for (const api of KEYWORD_APIS) {
    forEachCall(masked, api.call, (parsed, start) => {
      const s = site(api.api, api.label, { start, end: parsed.close + 1 }, api.defaultBacklog, api.defaultSource);
      readKeywordCall(text, masked, parsed, s, api.portPosition);
    });
  }

  forEachCall(masked, /\.\s*listen\s*\(/g, (parsed, start) => {
    const span = { start, end: parsed.close + 1 };
    if (usesTornado) {
      const s = site('python-tornado', 'tornado listen()', span, 128, "tornado's default backlog is 128");
      readKeywordCall(text, masked, parsed, s, 0);
      return;
    }
    const s = site('python-socket-listen', 'socket.listen()', span, PYTHON_SOCKET_DEFAULT_BACKLOG,
      'Python passes min(SOMAXCONN, 128) when listen() has no argument');
    const arg = parsed.args[0];
    if (arg) {
      const argText = spanText(text, arg);
      s.backlog = { text: argText, value: /^\d+$/.test(argText) ? Number(argText) : undefined, span: arg };
      s.backlogEdit = { span: arg, prefix: '', suffix: '' };
    } else {
      s.backlogEdit = { span: { start: parsed.open + 1, end: parsed.open + 1 }, prefix: '', suffix: '' };
    }
    const bind = lastBindBefore(masked, start);
    if (bind) s.port = portOf(text, masked, bind);
  });

  const queueSize = /^[ \t]*request_queue_size\s*=\s*([^\n#]+?)\s*$/dm.exec(masked);
  const queueSpan = queueSize ? spanOfGroup(queueSize, 1) : undefined;
  forEachCall(masked, SOCKETSERVER_CLASSES, (parsed, start, m) => {
    const s = site('python-socketserver', `${m[1].replace(/\s+/g, '')}()`, { start, end: parsed.close + 1 },
      SOCKETSERVER_DEFAULT_BACKLOG, 'socketserver and http.server pass request_queue_size = 5 to listen()');
    const address = parsed.args[0];
    if (address && masked[address.start] === '(') {
      const tuple = callArguments(masked, address.start);
      if (tuple?.args[1]) s.port = portOf(text, masked, tuple.args[1]);
    }
    if (queueSpan) {
      const value = spanText(text, queueSpan);
      s.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: queueSpan };
      s.backlogEdit = { span: queueSpan, prefix: '', suffix: '' };
    } else {
      // The class attribute is read by server_activate() inside the constructor, so set it just before.
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
      s.backlogEdit = {
        span: { start: lineStart, end: lineStart },
        prefix: `${indent}${m[1].replace(/\s+/g, '')}.request_queue_size = `,
        suffix: '\n',
      };
    }
  });
  if (queueSpan && !sites.some((s) => s.api === 'python-socketserver')) {
    const value = spanText(text, queueSpan);
    const s = site('python-socketserver', 'socketserver request_queue_size', { start: queueSize!.index, end: queueSpan.end },
      SOCKETSERVER_DEFAULT_BACKLOG, 'socketserver passes request_queue_size (5 unless set) to listen()');
    s.span.start += /^\s*/.exec(queueSize![0])![0].length;
    Object.assign(s, lineAndCharacter(text, s.span.start));
    s.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: queueSpan };
    s.backlogEdit = { span: queueSpan, prefix: '', suffix: '' };
  }

  if (/^\s*(?:import|from)\s+flask\b/m.test(masked)) {
    forEachCall(masked, /\bapp\s*\.\s*run\s*\(/g, (parsed, start) => {
      const s = site('python-flask', 'Flask app.run()', { start, end: parsed.close + 1 }, 128,
        "Flask's development server (werkzeug) listens with a backlog of 128; it has no setting for it");
      const port = keywordArgument(masked, parsed.args, 'port');
      if (port) s.port = portOf(text, masked, port);
    });
  }

  if (/gunicorn/i.test(baseName(fileName))) sites.push(...gunicornConfigSites(text, masked));
  return sites.sort((a, b) => a.span.start - b.span.start);
}

function readKeywordCall(text: string, masked: string, parsed: CallArguments, site: ListenSite, portPosition?: number): void {
  const port = keywordArgument(masked, parsed.args, 'port') ??
    (portPosition !== undefined && parsed.args[portPosition] && !/^\w+\s*=/.test(masked.slice(parsed.args[portPosition].start))
      ? parsed.args[portPosition]
      : undefined);
  if (port) site.port = portOf(text, masked, port);
  const backlog = keywordArgument(masked, parsed.args, 'backlog');
  if (backlog) {
    const value = spanText(text, backlog);
    site.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: backlog };
    site.backlogEdit = { span: backlog, prefix: '', suffix: '' };
    return;
  }
  const last = parsed.args[parsed.args.length - 1];
  if (!last) {
    site.backlogEdit = { span: { start: parsed.open + 1, end: parsed.open + 1 }, prefix: 'backlog=', suffix: '' };
    return;
  }
  if (/^\*\*?/.test(masked.slice(last.start, last.end))) return; // *args/**kwargs may already carry one
  site.backlogEdit = { span: { start: last.end, end: last.end }, prefix: ', backlog=', suffix: '' };
}

function gunicornConfigSites(text: string, masked: string): ListenSite[] {
  const backlog = /^backlog\s*=\s*([^\n#]+?)\s*$/dm.exec(masked);
  const bind = /^bind\s*=\s*([^\n#]+?)\s*$/dm.exec(masked);
  const anchor = backlog ?? bind;
  if (!anchor) return [];
  const span = { start: anchor.index, end: anchor.index + anchor[0].length };
  const site: ListenSite = {
    api: 'gunicorn',
    apiLabel: 'gunicorn config',
    span,
    ...lineAndCharacter(text, span.start),
    defaultBacklog: GUNICORN_DEFAULT_BACKLOG,
    defaultSource: "gunicorn's default backlog is 2048",
  };
  if (bind) {
    const bindText = spanText(text, spanOfGroup(bind, 1));
    site.port = { text: bindText, value: portValue(bindText.replace(/^\[|\]$/g, ''), text, masked) };
  }
  if (backlog) {
    const valueSpan = spanOfGroup(backlog, 1);
    const value = spanText(text, valueSpan);
    site.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: valueSpan };
    site.backlogEdit = { span: valueSpan, prefix: '', suffix: '' };
  } else {
    site.backlogEdit = { span: { start: span.end, end: span.end }, prefix: '\nbacklog = ', suffix: '' };
  }
  return [site];
}

function forEachCall(
  masked: string,
  pattern: RegExp,
  visit: (parsed: CallArguments, start: number, match: RegExpExecArray) => void,
): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(masked); m; m = pattern.exec(masked)) {
    const parsed = callArguments(masked, m.index + m[0].length - 1);
    if (!parsed) continue;
    let start = m.index;
    if (masked[start] === '.') {
      // Include the receiver (`sock.listen`) when it is a plain name.
      while (start > 0 && /[\w.]/.test(masked[start - 1])) start--;
    }
    visit(parsed, start, m);
  }
}

function lastBindBefore(masked: string, before: number): TextSpan | undefined {
  const bind = /\.\s*bind\s*\(\s*\(/g;
  let found: TextSpan | undefined;
  for (let m = bind.exec(masked); m && m.index < before; m = bind.exec(masked)) {
    const tuple = callArguments(masked, m.index + m[0].length - 1);
    if (tuple?.args[1]) found = tuple.args[1];
  }
  return found;
}

function portOf(text: string, masked: string, span: TextSpan): { text: string; value?: number } {
  const portText = spanText(text, span);
  return { text: portText, value: portValue(portText, text, masked) };
}

/** The span of a capture group; the pattern must have the `d` flag. */
function spanOfGroup(m: RegExpExecArray, group: number): TextSpan {
  const [start, end] = m.indices![group];
  return { start, end };
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? '';
}
