// Servers started from a command line: shell scripts, package.json scripts, Procfiles, Makefiles.
// uvicorn and gunicorn take `--backlog N` (default 2048), hypercorn too (default 100); `python -m http.server`
// (5) and Django's runserver (10) have no option for it.
import { maskCode } from './codeMask';
import { lineAndCharacter, type ListenApi, type ListenSite, type TextSpan } from './listenSite';

interface ServerCommand {
  api: ListenApi;
  label: string;
  program: RegExp;
  defaultBacklog: number;
  defaultSource: string;
  takesBacklog: boolean;
  /** Where the port is, within the command's arguments. */
  port: RegExp;
}

const BIND_PORT = /(?:--bind|-b)[\s=]+['"]?[^\s'"]*:(\d+)/;
const COMMANDS: ServerCommand[] = [
  { api: 'uvicorn', label: 'uvicorn', program: /(?<![\w.-])uvicorn(?![\w.-])/g, defaultBacklog: 2048,
    defaultSource: "uvicorn's default backlog is 2048", takesBacklog: true, port: /--port[\s=]+(\d+)/ },
  { api: 'gunicorn', label: 'gunicorn', program: /(?<![\w.-])gunicorn(?![\w.-])/g, defaultBacklog: 2048,
    defaultSource: "gunicorn's default backlog is 2048", takesBacklog: true, port: BIND_PORT },
  { api: 'hypercorn', label: 'hypercorn', program: /(?<![\w.-])hypercorn(?![\w.-])/g, defaultBacklog: 100,
    defaultSource: "hypercorn's default backlog is 100", takesBacklog: true, port: BIND_PORT },
  { api: 'python-http-server', label: 'python -m http.server', program: /-m\s+http\.server(?![\w.-])/g,
    defaultBacklog: 5, defaultSource: 'http.server listens with request_queue_size = 5; it has no option for it',
    takesBacklog: false, port: /^\s+(\d+)/ },
  { api: 'django-runserver', label: 'manage.py runserver', program: /manage\.py\s+runserver(?![\w.-])/g,
    defaultBacklog: 10, defaultSource: "Django's runserver listens with request_queue_size = 10; it has no option for it",
    takesBacklog: false, port: /(?:^|\s)(?:[\w.]+:)?(\d{2,5})(?=\s|$)/ },
];

/** Ends a command: a newline not continued by `\`, `&&`, `||`, `;`, `|` (and in JSON the end of the string). */
const SHELL_COMMAND_END = /(?<!\\)\n|&&|\|\||;|\|/;
const JSON_COMMAND_END = /(?<!\\)\n|&&|\|\||;|\||(?<!\\)"/;

/** `scope` limits the search to package.json's scripts object (JSON strings); without it the text is a script. */
export function findCommandLineListenSites(text: string, scope?: TextSpan): ListenSite[] {
  const masked = scope ? text : maskCode(text, 'shell');
  const commandEnd = scope ? JSON_COMMAND_END : SHELL_COMMAND_END;
  const from = scope?.start ?? 0;
  const to = scope?.end ?? text.length;
  const sites: ListenSite[] = [];
  for (const command of COMMANDS) {
    command.program.lastIndex = from;
    for (let m = command.program.exec(masked); m && m.index < to; m = command.program.exec(masked)) {
      const programEnd = m.index + m[0].length;
      const rest = masked.slice(programEnd, to);
      const endMatch = commandEnd.exec(rest);
      let argsEnd = programEnd + (endMatch ? endMatch.index : rest.length);
      while (argsEnd > programEnd && /\s/.test(text[argsEnd - 1])) argsEnd--;
      const args = text.slice(programEnd, argsEnd);
      const before = masked.slice(Math.max(from, masked.lastIndexOf('\n', m.index) + 1), m.index);
      // `pip install uvicorn`, `poetry add gunicorn`: installing, not serving.
      if (/\b(?:install|add|uninstall|remove)\b[^&|;]*$/.test(before)) continue;
      const start = command.api === 'python-http-server' || command.api === 'django-runserver'
        ? commandStart(masked, m.index)
        : m.index;
      const site: ListenSite = {
        api: command.api,
        apiLabel: command.label,
        span: { start, end: argsEnd },
        ...lineAndCharacter(text, start),
        defaultBacklog: command.defaultBacklog,
        defaultSource: command.defaultSource,
      };
      const port = command.port.exec(args);
      if (port) site.port = { text: port[1], value: Number(port[1]) };
      if (command.takesBacklog) {
        const backlog = /--backlog[\s=]+(\S*)/d.exec(args);
        if (backlog) {
          const [s, e] = backlog.indices![1];
          const span = { start: programEnd + s, end: programEnd + e };
          site.backlog = { text: backlog[1], value: /^\d+$/.test(backlog[1]) ? Number(backlog[1]) : undefined, span };
          site.backlogEdit = { span, prefix: '', suffix: '' };
        } else {
          // Right after the program name: both click (uvicorn) and argparse (gunicorn) take options there.
          site.backlogEdit = { span: { start: programEnd, end: programEnd }, prefix: ' --backlog ', suffix: '' };
        }
      }
      sites.push(site);
    }
  }
  return sites.sort((a, b) => a.span.start - b.span.start);
}

/** Back from `-m http.server` to the `python3` that runs it. */
function commandStart(masked: string, at: number): number {
  const python = /(?:[\w./-]*python[\d.]*|[\w./-]*\.py)\s+$/.exec(masked.slice(Math.max(0, at - 80), at));
  return python ? at - python[0].length : at;
}

/** The span of the `"scripts": { ... }` object of a package.json, or undefined. */
export function packageJsonScriptsSpan(text: string): TextSpan | undefined {
  const key = /"scripts"\s*:\s*\{/.exec(text);
  if (!key) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = key.index + key[0].length - 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { start: key.index, end: i + 1 };
  }
  return undefined;
}
