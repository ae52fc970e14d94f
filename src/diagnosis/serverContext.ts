// What the advice needs to know about the process that owns the listener, beyond its command line: its working
// directory, the listen call in the script it runs (so a snippet is that call with only the backlog changed), and a
// Django project's settings module (from manage.py). Read once before the run; nothing here throws.
import { readFile, readlink, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { findListenSites } from '../hints/findListenSites';
import type { ListenSite } from '../hints/listenSite';
import { printable } from '../shared/printableText';

/** The listen call found in the server's own code, as data: the snippet is `before + backlog + after`. */
export interface ListenCallInCode {
  /** Path as the user knows it: relative to the process's cwd when inside it. */
  file: string;
  /** 1-based. */
  line: number;
  /** How the code reads now (whole lines, control characters removed). */
  text: string;
  /** The text with the backlog set: `before + N + after`; absent when no safe edit is known for that call. */
  edit?: { before: string; after: string };
  /** The backlog the code passes, when it passes a plain number. */
  backlog?: number;
  /** The backlog argument as written when it is not a plain number (`backlog ?? 511`): its value is unknown here. */
  backlogExpression?: string;
  /** What that API passes when the code gives no backlog (e.g. 511 for Node), or 'somaxconn'. */
  defaultBacklog: number | 'somaxconn';
  apiLabel: string;
}

export interface ServerContext {
  pid?: number;
  argv: string[];
  /** ss's process name, when argv was unreadable. */
  processName?: string;
  cwd?: string;
  /** The listener's own address, so that a snippet keeps the host it listens on. */
  address?: string;
  listenCall?: ListenCallInCode;
  /** From manage.py: os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings"). */
  djangoSettingsModule?: string;
}

const MAX_SOURCE_BYTES = 512 * 1024;
const MAX_SNIPPET_CHARS = 600;
const MAX_SNIPPET_LINES = 12;
const SCRIPT = /\.(?:m?[jt]s|c[jt]s|py|rb)$/;

async function readSource(file: string): Promise<string | undefined> {
  try {
    const s = await stat(file);
    if (!s.isFile() || s.size > MAX_SOURCE_BYTES) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runtime options whose value is the next argument: `node --import tsx server.ts`, `node -r dotenv/config app.js`. */
const OPTION_WITH_VALUE = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--env-file', '--conditions', '-C', '-W', '-X']);

/** The script a runtime was started with: `node server.js`, `python3 app.py`, `ruby server.rb`. */
export function scriptOf(argv: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (OPTION_WITH_VALUE.has(arg)) i++;
    else if (arg === '-m' || arg === '-c' || arg === '-e') return undefined; // a module or inline code, not a file
    else if (!arg.startsWith('-')) return SCRIPT.test(arg) ? arg : undefined;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** The whole lines that hold the call and its backlog edit, with the edit split around the number. */
export function listenCallText(text: string, site: ListenSite, file: string): ListenCallInCode | undefined {
  const edit = site.backlogEdit;
  const from = lineStart(text, Math.min(site.span.start, edit?.span.start ?? site.span.start));
  const to = lineEnd(text, Math.max(site.span.end, edit?.span.end ?? site.span.end) - 1);
  const shown = text.slice(from, to);
  if (shown.length > MAX_SNIPPET_CHARS || shown.split('\n').length > MAX_SNIPPET_LINES) return undefined;
  const call: ListenCallInCode = {
    file,
    line: site.line + 1,
    text: printable(shown),
    backlog: site.backlog?.value,
    backlogExpression: site.backlog && site.backlog.value === undefined ? printable(site.backlog.text) : undefined,
    defaultBacklog: site.defaultBacklog,
    apiLabel: site.apiLabel,
  };
  if (edit) {
    call.edit = {
      before: printable(text.slice(from, edit.span.start) + edit.prefix),
      after: printable(edit.suffix + text.slice(edit.span.end, to)),
    };
  }
  return call;
}

/** The listen site for `port` in a file: the one whose port is that number, else the only one. */
export function listenSiteFor(sites: ListenSite[], port: number): ListenSite | undefined {
  const onPort = sites.filter((s) => s.port?.value === port);
  if (onPort.length === 1) return onPort[0];
  if (sites.length === 1) return sites[0];
  const tcp = sites.filter((s) => s.port?.value === undefined || s.port.value === port);
  return tcp.length === 1 ? tcp[0] : undefined;
}

async function findListenCall(argv: string[], cwd: string | undefined, port: number): Promise<ListenCallInCode | undefined> {
  const script = scriptOf(argv);
  if (!script || (!cwd && !path.isAbsolute(script))) return undefined;
  const file = path.resolve(cwd ?? '/', script);
  const text = await readSource(file);
  if (text === undefined) return undefined;
  const site = listenSiteFor(findListenSites(text, '', file), port);
  if (!site) return undefined;
  const shown = cwd && !path.relative(cwd, file).startsWith('..') ? path.relative(cwd, file) : file;
  return listenCallText(text, site, printable(shown));
}

export function djangoSettingsFrom(managePy: string): string | undefined {
  const m = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([A-Za-z_][\w.]*)['"]/.exec(managePy);
  return m?.[1];
}

async function readDjangoSettings(argv: string[], cwd: string | undefined): Promise<string | undefined> {
  const manage = argv.find((a) => /(^|\/)manage\.py$/.test(a));
  if (!manage || (!cwd && !path.isAbsolute(manage))) return undefined;
  const text = await readSource(path.resolve(cwd ?? '/', manage));
  return text === undefined ? undefined : djangoSettingsFrom(text);
}

export interface ListenerOwner {
  pid?: number;
  argv?: string[];
  process?: string;
  address?: string;
  port: number;
}

/** Reads the owner's cwd, its listen call and Django settings. Never throws; what cannot be read stays undefined. */
export async function readServerContext(owner: ListenerOwner | undefined, procRoot = '/proc'): Promise<ServerContext | undefined> {
  if (!owner) return undefined;
  const argv = owner.argv ?? [];
  const cwd = owner.pid !== undefined ? await readlink(`${procRoot}/${owner.pid}/cwd`).catch(() => undefined) : undefined;
  const [listenCall, djangoSettingsModule] = await Promise.all([
    findListenCall(argv, cwd, owner.port).catch(() => undefined),
    readDjangoSettings(argv, cwd).catch(() => undefined),
  ]);
  return { pid: owner.pid, argv, processName: owner.process, cwd, address: owner.address, listenCall, djangoSettingsModule };
}
