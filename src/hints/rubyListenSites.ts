// Ruby servers: TCPServer (listens with SOMAXCONN, 4096 on current systems, until `server.listen(n)`), raw
// `socket.listen(n)`, WEBrick (a TCPServer underneath, no setting) and Puma config (`bind '...?backlog=N'`).
import { callArguments, spanText } from './callArguments';
import { maskCode } from './codeMask';
import { lineAndCharacter, type ListenApi, type ListenSite, type TextSpan } from './listenSite';
import { escapeRegExp, portValue } from './portExpression';

export const RUBY_TCPSERVER_DEFAULT_BACKLOG = 4096;
export const PUMA_DEFAULT_BACKLOG = 1024;

export function findRubyListenSites(text: string, fileName = ''): ListenSite[] {
  const masked = maskCode(text, 'ruby');
  const sites: ListenSite[] = [];
  const make = (api: ListenApi, apiLabel: string, span: TextSpan, defaultBacklog: number, defaultSource: string) => {
    const site: ListenSite = { api, apiLabel, span, ...lineAndCharacter(text, span.start), defaultBacklog, defaultSource };
    sites.push(site);
    return site;
  };
  const tcpServerListens = new Set<number>();

  const tcpServer = /(?:([A-Za-z_@$][\w]*)\s*=\s*)?\bTCPServer\s*\.\s*new\s*\(/g;
  for (let m = tcpServer.exec(masked); m; m = tcpServer.exec(masked)) {
    const parsed = callArguments(masked, m.index + m[0].length - 1);
    if (!parsed) continue;
    const start = m.index + m[0].indexOf('TCPServer');
    const site = make('ruby-tcpserver', 'TCPServer.new', { start, end: parsed.close + 1 }, RUBY_TCPSERVER_DEFAULT_BACKLOG,
      'Ruby TCPServer listens with SOMAXCONN (4096) until server.listen(n) is called');
    const portArg = parsed.args[parsed.args.length - 1];
    if (portArg) {
      const portText = spanText(text, portArg);
      site.port = { text: portText, value: portValue(portText, text, masked) };
    }
    const variable = m[1];
    if (!variable) continue;
    // `server.listen(n)` later on sets the backlog of this server.
    const listen = new RegExp(`(?<![\\w@$])${escapeRegExp(variable)}\\s*\\.\\s*listen\\s*\\(`, 'g');
    listen.lastIndex = parsed.close;
    const call = listen.exec(masked);
    const listenArgs = call ? callArguments(masked, call.index + call[0].length - 1) : undefined;
    if (call && listenArgs?.args[0]) {
      tcpServerListens.add(call.index);
      const arg = listenArgs.args[0];
      const value = spanText(text, arg);
      site.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: arg };
      site.backlogEdit = { span: arg, prefix: '', suffix: '' };
    } else {
      const lineEnd = text.indexOf('\n', parsed.close);
      const at = lineEnd < 0 ? text.length : lineEnd;
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
      site.backlogEdit = { span: { start: at, end: at }, prefix: `\n${indent}${variable}.listen(`, suffix: ')' };
    }
  }

  const listen = /(?<![\w@$])([A-Za-z_@$][\w]*)\s*\.\s*listen\s*\(/g;
  for (let m = listen.exec(masked); m; m = listen.exec(masked)) {
    if (tcpServerListens.has(m.index)) continue;
    const parsed = callArguments(masked, m.index + m[0].length - 1);
    if (!parsed?.args[0]) continue;
    const site = make('ruby-socket-listen', 'socket.listen()', { start: m.index, end: parsed.close + 1 }, 0,
      'the backlog is the argument of listen()');
    const arg = parsed.args[0];
    const value = spanText(text, arg);
    site.backlog = { text: value, value: /^\d+$/.test(value) ? Number(value) : undefined, span: arg };
    site.backlogEdit = { span: arg, prefix: '', suffix: '' };
  }

  const webrick = /\bWEBrick\s*::\s*HTTPServer\s*\.\s*new\s*\(/g;
  for (let m = webrick.exec(masked); m; m = webrick.exec(masked)) {
    const parsed = callArguments(masked, m.index + m[0].length - 1);
    if (!parsed) continue;
    const site = make('ruby-webrick', 'WEBrick::HTTPServer.new', { start: m.index, end: parsed.close + 1 },
      RUBY_TCPSERVER_DEFAULT_BACKLOG, 'WEBrick listens through TCPServer with SOMAXCONN (4096); it has no setting for it');
    const port = /(?:\bPort:|:Port\s*=>)\s*([^,)\n]+)/d.exec(masked.slice(parsed.open, parsed.close));
    if (port) {
      const portText = text.slice(parsed.open + port.indices![1][0], parsed.open + port.indices![1][1]).trim();
      site.port = { text: portText, value: portValue(portText, text, masked) };
    }
  }

  if (/puma/i.test(fileName.split(/[\\/]/).pop() ?? '')) sites.push(...pumaSites(text, masked));
  return sites.sort((a, b) => a.span.start - b.span.start);
}

function pumaSites(text: string, masked: string): ListenSite[] {
  const sites: ListenSite[] = [];
  const defaults = { defaultBacklog: PUMA_DEFAULT_BACKLOG, defaultSource: "Puma's default backlog is 1024" };
  const bind = /^[ \t]*bind\s*\(?\s*(['"])(tcp:\/\/[^'"]*)\1/gm;
  for (let m = bind.exec(text); m; m = bind.exec(text)) {
    if (masked[m.index + m[0].indexOf('bind')] !== 'b') continue; // commented out
    const start = m.index + m[0].indexOf('bind');
    const urlStart = m.index + m[0].length - 1 - m[2].length;
    const url = text.slice(urlStart, m.index + m[0].length - 1);
    const site: ListenSite = { api: 'puma', apiLabel: 'Puma bind', span: { start, end: m.index + m[0].length },
      ...lineAndCharacter(text, start), ...defaults };
    const port = /:(\d+)/.exec(url.replace(/^tcp:\/\//, ''));
    if (port) site.port = { text: port[1], value: Number(port[1]) };
    const backlog = /[?&]backlog=(\d*)/.exec(url);
    if (backlog) {
      const valueStart = urlStart + backlog.index + backlog[0].length - backlog[1].length;
      const span = { start: valueStart, end: valueStart + backlog[1].length };
      site.backlog = { text: backlog[1], value: backlog[1] ? Number(backlog[1]) : undefined, span };
      site.backlogEdit = { span, prefix: '', suffix: '' };
    } else {
      const at = urlStart + url.length;
      site.backlogEdit = { span: { start: at, end: at }, prefix: url.includes('?') ? '&backlog=' : '?backlog=', suffix: '' };
    }
    sites.push(site);
  }
  const port = /^[ \t]*port\s*\(?\s*([^\n#]+)/gm;
  for (let m = port.exec(masked); m; m = port.exec(masked)) {
    const start = m.index + m[0].indexOf('port');
    const end = m.index + m[0].trimEnd().length;
    const portText = text.slice(m.index + m[0].length - m[1].length, end);
    sites.push({ api: 'puma', apiLabel: 'Puma port', span: { start, end }, ...lineAndCharacter(text, start), ...defaults,
      port: { text: portText, value: portValue(portText.replace(/^.*\{\s*|\s*\}.*$/g, ''), text, masked) } });
  }
  return sites;
}
