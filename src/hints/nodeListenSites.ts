// Node's `server.listen(...)` and everything that forwards to it (Express, Koa, Fastify, http/net/https servers).
// Node passes 511 to listen() when no backlog is given; an explicit one may come as `{ backlog }`, as the
// second argument when it is a number (`listen(port, 1024)`), or third after a host (`listen(port, host, 1024)`).
import { callArguments, objectProperty, spanText } from './callArguments';
import { maskCode } from './codeMask';
import { lineAndCharacter, type BacklogEdit, type ListenSite, type TextSpan } from './listenSite';
import { portValue } from './portExpression';

export const NODE_DEFAULT_BACKLOG = 511;
const BACKLOG = '';

export function findNodeListenSites(text: string): ListenSite[] {
  const masked = maskCode(text, 'js');
  // Nest's app.listen(port, host) does not forward a backlog: show the hint, offer no edit.
  const nest = /from\s+['"]@nestjs\/|require\(\s*['"]@nestjs\//.test(text);
  const sites: ListenSite[] = [];
  const call = /\.\s*listen\s*\(/g;
  for (let m = call.exec(masked); m; m = call.exec(masked)) {
    const open = m.index + m[0].length - 1;
    const parsed = callArguments(masked, open);
    if (!parsed) continue;
    const receiverStart = receiverOffset(masked, m.index);
    const span = { start: receiverStart, end: parsed.close + 1 };
    const site: ListenSite = {
      api: 'node-listen',
      apiLabel: nest ? 'NestJS app.listen()' : 'Node server.listen()',
      span,
      ...lineAndCharacter(text, span.start),
      defaultBacklog: NODE_DEFAULT_BACKLOG,
      defaultSource: nest
        ? 'NestJS listens through Node, which passes 511 to listen()'
        : 'Node passes 511 to listen() when no backlog is given',
    };
    readArguments(text, masked, parsed.args, parsed.open, site);
    if (nest) delete site.backlogEdit;
    sites.push(site);
  }
  return sites;
}

/** Start of `server.listen` (the receiver chain when it is plain names, else `listen` itself). */
function receiverOffset(masked: string, dot: number): number {
  let i = dot;
  while (i > 0 && /[\w$.]/.test(masked[i - 1])) i--;
  if (i === dot || masked[i] === '.') {
    i = dot + 1;
    while (/\s/.test(masked[i])) i++;
  }
  return i;
}

function readArguments(text: string, masked: string, args: TextSpan[], open: number, site: ListenSite): void {
  const src = (s: TextSpan) => spanText(text, s);
  if (args.length === 0) {
    site.backlogEdit = { span: { start: open + 1, end: open + 1 }, prefix: '{ port: 0, backlog: ', suffix: ' }' };
    return;
  }
  const first = args[0];
  if (masked[first.start] === '{') {
    readOptionsObject(text, masked, first, site);
    return;
  }
  const firstText = src(first);
  if (/^['"`]/.test(firstText) && !/^['"`]\d+['"`]$/.test(firstText)) {
    // A Unix socket path or pipe: not what a TCP load test reaches. Leave it alone.
    return;
  }
  const portNumber = portValue(firstText, text, masked);
  const portLike = isPortLike(firstText, portNumber);
  if (portLike) site.port = { text: firstText, value: portNumber };

  const second = args[1];
  if (!second || isFunction(masked, second)) {
    if (portLike) site.backlogEdit = toOptionsObject(first, firstText);
    return;
  }
  const secondText = src(second);
  const secondKind = positionalKind(secondText);
  if (secondKind === 'backlog') {
    setBacklog(site, second, secondText);
    return;
  }
  if (secondKind !== 'host') return; // a variable that could be a host, a backlog or a callback: no guessing
  const third = args[2];
  if (!third) {
    site.backlogEdit = { span: { start: second.end, end: second.end }, prefix: ', ', suffix: '' };
  } else if (isFunction(masked, third)) {
    site.backlogEdit = { span: { start: third.start, end: third.start }, prefix: '', suffix: ', ' };
  } else {
    setBacklog(site, third, src(third));
  }
}

function readOptionsObject(text: string, masked: string, object: TextSpan, site: ListenSite): void {
  const property = objectProperty(masked, object);
  const port = property('port');
  if (port) {
    const portText = spanText(text, port.value);
    site.port = { text: portText, value: portValue(portText, text, masked) };
  }
  const backlog = property('backlog');
  if (backlog) {
    const backlogText = spanText(text, backlog.value);
    if (backlog.shorthand) {
      site.backlog = { text: backlogText, span: backlog.value };
      site.backlogEdit = { span: backlog.value, prefix: 'backlog: ', suffix: '' };
    } else {
      setBacklog(site, backlog.value, backlogText);
    }
    return;
  }
  site.backlogEdit = insertProperty(text, object);
}

/** Adds `backlog: N` as the last property, keeping the object's layout (one line or one per line). */
function insertProperty(text: string, object: TextSpan): BacklogEdit {
  const closing = object.end - 1;
  let last = closing - 1;
  while (last > object.start && /\s/.test(text[last])) last--;
  if (last === object.start) return { span: { start: object.start + 1, end: closing }, prefix: ' backlog: ', suffix: ' ' };
  const body = text.slice(object.start + 1, closing);
  const trailingComma = text[last] === ',';
  if (body.includes('\n')) {
    const lastLine = text.slice(text.lastIndexOf('\n', last) + 1, last + 1);
    const indent = /^\s*/.exec(lastLine)?.[0] ?? '';
    return trailingComma
      ? { span: { start: last + 1, end: last + 1 }, prefix: `\n${indent}backlog: `, suffix: ',' }
      : { span: { start: last + 1, end: last + 1 }, prefix: `,\n${indent}backlog: `, suffix: '' };
  }
  return { span: { start: last + 1, end: last + 1 }, prefix: trailingComma ? ' backlog: ' : ', backlog: ', suffix: '' };
}

function toOptionsObject(first: TextSpan, firstText: string): BacklogEdit {
  return { span: first, prefix: `{ port: ${firstText}, backlog: `, suffix: ' }' };
}

function setBacklog(site: ListenSite, span: TextSpan, text: string): void {
  const value = /^\d+$/.test(text) ? Number(text) : undefined;
  site.backlog = { text, value, span };
  site.backlogEdit = { span, prefix: BACKLOG, suffix: BACKLOG };
}

/** Moving the first argument into `{ port: ... }` is safe only when it surely is a port. */
function isPortLike(expr: string, value: number | undefined): boolean {
  if (/^\d+$/.test(expr)) return true;
  const operand = /^(?:[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*|\d+|'\d+'|"\d+")$/;
  const parts = expr.split(/\s*(?:\|\||\?\?)\s*/);
  if (!parts.every((p) => operand.test(p) || /^(?:Number|parseInt)\([^()]*\)$/.test(p))) return false;
  return /port/i.test(expr) || value !== undefined;
}

function positionalKind(expr: string): 'host' | 'backlog' | 'unknown' {
  if (/^\d+$/.test(expr)) return 'backlog';
  if (/^(['"`])[^'"`]*\1$/.test(expr)) return 'host';
  if (/backlog/i.test(expr)) return 'backlog';
  if (/cb|callback|fn|handler|listener|done/i.test(expr)) return 'unknown';
  if (/host|addr|interface|bind/i.test(expr)) return 'host';
  return 'unknown';
}

function isFunction(masked: string, span: TextSpan): boolean {
  const body = masked.slice(span.start, span.end);
  return /^(?:async\s+)?function\b/.test(body) || /^(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*=>/.test(body) ||
    /^(?:cb|callback|done|onListen\w*|onReady|listening)$/i.test(body);
}
