// The listen() backlog that common dev servers pass, and how to raise it in that server's own terms, recognised
// from the owning process's command line (and the script it runs). The effective accept queue is min(this,
// somaxconn). Each default below was read as ss -ltn Send-Q with somaxconn raised to 60000 in a network namespace
// (Debian 12: Python 3.11, Django 3.2, Flask 2.2, PHP 8.2, Hugo 0.111, Jekyll 4.3, Ruby 3.1, Puma 5.6, Node 20).
// An unknown server gets no snippet at all: no advice beats advice for the wrong language.
import type { ServerContext } from './serverContext';
import type { Fix } from '../shared/findings';

export type ServerLanguage = 'node' | 'python' | 'ruby' | 'php' | 'go' | 'java' | 'nginx' | 'redis';

export interface AdviceContext {
  /** The backlog to suggest. */
  backlog: number;
  port: number;
  server: ServerContext;
  /** What the server passes to listen() now, when it can be told (Send-Q below somaxconn, or its code). */
  passes?: number;
}

export interface ServerKind {
  id: string;
  /** Human name, e.g. "Python http.server". */
  name: string;
  language: ServerLanguage;
  /** The listen() argument it passes unless told otherwise. */
  defaultBacklog?: number;
  /** Passes somaxconn itself (Go's net.Listen: Hugo): raising net.core.somaxconn is the whole fix. */
  followsSomaxconn?: boolean;
  /** The change that raises its backlog. */
  fix(c: AdviceContext): Fix;
}

/** A host for a snippet: the address the listener has now, so pasting it does not open every interface. */
export function snippetHost(address: string | undefined): string | undefined {
  if (!address || address === '*' || address === '0.0.0.0' || address === '::' || address === '[::]') return undefined;
  return address.replace(/^\[|\]$/g, '');
}

const code = (title: string, snippet: string | undefined, detail: string): Fix => ({ title, kind: 'code', snippet, detail });
const advice = (title: string, detail: string): Fix => ({ title, kind: 'advice', detail });

/** The call found in the server's own file, with only the backlog changed. */
function editedListenCall(c: AdviceContext): Fix | undefined {
  const call = c.server.listenCall;
  if (!call?.edit) return undefined;
  const now =
    call.backlog !== undefined
      ? `${call.file}:${call.line} passes ${call.backlog}`
      : call.backlogExpression !== undefined
        ? `${call.file}:${call.line} passes \`${call.backlogExpression}\``
        : `${call.file}:${call.line} passes no backlog, so ${call.apiLabel} uses ${call.defaultBacklog}`;
  return code(`Raise the backlog in ${call.file}:${call.line}`, `${call.edit.before}${c.backlog}${call.edit.after}`, `${now}.`);
}

function passesNow(c: AdviceContext, fallback: string): string {
  return c.passes !== undefined ? `The server passes ${c.passes} to listen().` : fallback;
}

/**
 * Where a python snippet binds, and whether in IPv6: the listener's own address. ss prints a dual-stack IPv6
 * wildcard as `*` and a v6-only one as `[::]`; either is "::" in AF_INET6 (dual-stack by default on Linux). Binding
 * "" instead would drop IPv6: `--bind ::` then no longer answers on [::1].
 */
function pythonBind(c: AdviceContext): { host: string; ipv6: boolean } {
  const address = c.server.address;
  if (address === '*' || address === '::' || address === '[::]') return { host: '::', ipv6: true };
  const host = snippetHost(address) ?? '';
  return { host, ipv6: host.includes(':') };
}

function pythonHttpServerScript(c: AdviceContext): string {
  const { host, ipv6 } = pythonBind(c);
  return (
    `${ipv6 ? 'import socket\n' : ''}from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler\n` +
    `class Server(ThreadingHTTPServer):\n${ipv6 ? '    address_family = socket.AF_INET6\n' : ''}    request_queue_size = ${c.backlog}\n` +
    `Server((${JSON.stringify(host)}, ${c.port}), SimpleHTTPRequestHandler).serve_forever()`
  );
}

const NODE_TOOLS_WITHOUT_OPTION = /next-server|(^|[\s/])(next|nuxi|nuxt|astro|ng|webpack-dev-server|webpack|react-scripts|remix|gatsby|docusaurus)(\.m?js)?(\s|$)/;

const KINDS: Array<{ test: (argv: string, exe: string, s: ServerContext) => boolean; kind: ServerKind }> = [
  {
    test: (a) => /(^|\s)-m\s+(http\.server|SimpleHTTPServer)\b/.test(a),
    kind: {
      id: 'python-http.server',
      name: 'Python http.server',
      language: 'python',
      defaultBacklog: 5,
      fix: (c) =>
        code(
          'Serve with a larger request_queue_size (python -m http.server listens with 5 and has no option for it)',
          pythonHttpServerScript(c),
          'socketserver passes request_queue_size to listen(); a small script with a subclass serves the same files.',
        ),
    },
  },
  {
    test: (a) => /manage\.py\s+runserver|django-admin\s+runserver/.test(a),
    kind: {
      id: 'django',
      name: 'Django runserver',
      language: 'python',
      defaultBacklog: 10,
      fix: (c) => {
        const project = c.server.djangoSettingsModule?.split('.')[0] ?? 'mysite';
        const known = c.server.djangoSettingsModule !== undefined ? ` (${c.server.djangoSettingsModule} from manage.py)` : '';
        return code(
          `Give runserver a server class with a larger request_queue_size (Django's WSGIServer listens with 10)`,
          `# ${project}/management/commands/runserver.py  (put "${project}" first in INSTALLED_APPS)\n` +
            `from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand\n` +
            `from django.core.servers.basehttp import WSGIServer\n\n` +
            `class Server(WSGIServer):\n    request_queue_size = ${c.backlog}\n\n` +
            `class Command(RunserverCommand):\n    server_cls = Server`,
          `runserver has no backlog option, but its server_cls can be replaced${known}. ` +
            `"${project}" must come before django.contrib.staticfiles in INSTALLED_APPS, whose own runserver wins otherwise; ` +
            `this one extends it, so static files are still served. ` +
            `For a production-like load: gunicorn ${project}.wsgi --backlog ${c.backlog}.`,
        );
      },
    },
  },
  {
    test: (a) => /\buvicorn\b/.test(a),
    kind: {
      id: 'uvicorn',
      name: 'uvicorn',
      language: 'python',
      defaultBacklog: 2048,
      fix: (c) => ({ title: 'Pass --backlog to uvicorn', kind: 'config', snippet: `uvicorn app:app --backlog ${c.backlog}` }),
    },
  },
  {
    test: (a) => /\bgunicorn\b/.test(a),
    kind: {
      id: 'gunicorn',
      name: 'gunicorn',
      language: 'python',
      defaultBacklog: 2048,
      fix: (c) => ({ title: 'Pass --backlog to gunicorn', kind: 'config', snippet: `gunicorn app:app --backlog ${c.backlog}` }),
    },
  },
  {
    test: (a) => /\bhypercorn\b/.test(a),
    kind: {
      id: 'hypercorn',
      name: 'Hypercorn',
      language: 'python',
      defaultBacklog: 100,
      fix: (c) => ({ title: 'Pass --backlog to hypercorn', kind: 'config', snippet: `hypercorn app:app --backlog ${c.backlog}` }),
    },
  },
  {
    test: (a, exe, s) => /(^|[\s/])flask\s+(.*\s)?run\b|-m\s+flask\b|werkzeug/.test(a) || (exe === 'python' && s.listenCall?.apiLabel.includes('Flask') === true),
    kind: {
      id: 'flask',
      name: 'Flask development server (Werkzeug)',
      language: 'python',
      defaultBacklog: 128,
      fix: (c) =>
        code(
          "Raise Werkzeug's listen backlog before the server starts (the Flask dev server listens with 128)",
          `import werkzeug.serving  # at the top of ${flaskModule(c.server)}, before the app runs\n` +
            `werkzeug.serving.LISTEN_QUEUE = ${c.backlog}  # Werkzeug 2.x\n` +
            `werkzeug.serving.BaseWSGIServer.request_queue_size = ${c.backlog}  # Werkzeug 3.x`,
          'flask run and app.run() take no backlog option. Werkzeug 2 listens with LISTEN_QUEUE, Werkzeug 3 with the ' +
            'server class\'s request_queue_size (set from LISTEN_QUEUE when Werkzeug is imported): both lines, so either works, ' +
            `with or without --debug. A production WSGI server takes one: gunicorn app:app --backlog ${c.backlog}.`,
        ),
    },
  },
  {
    test: (_a, exe) => exe === 'python',
    kind: {
      id: 'python',
      name: 'Python',
      language: 'python',
      fix: (c) =>
        editedListenCall(c) ??
        code(
          'Raise the backlog your Python server passes to listen()',
          `class Server(socketserver.ThreadingTCPServer):\n    request_queue_size = ${c.backlog}\n# or, on a plain socket:\nsock.listen(${c.backlog})`,
          passesNow(c, 'socketserver and http.server pass request_queue_size (5 unless set); socket.listen() passes its argument.'),
        ),
    },
  },
  {
    test: (a) => /\bpuma\b|rails\s+s(erver)?\b/.test(a),
    kind: {
      id: 'puma',
      name: 'Puma',
      language: 'ruby',
      defaultBacklog: 1024,
      fix: (c) => ({
        title: 'Set the backlog in the bind URL (config/puma.rb, or puma -b)',
        kind: 'config',
        snippet: `bind "tcp://${snippetHost(c.server.address) ?? '0.0.0.0'}:${c.port}?backlog=${c.backlog}"`,
        detail: "Puma listens with 1024 unless the bind URL says otherwise.",
      }),
    },
  },
  {
    test: (a) => /(^|[\s/])jekyll\s+(serve|s|server)\b/.test(a),
    kind: {
      id: 'jekyll',
      name: 'Jekyll (WEBrick)',
      language: 'ruby',
      defaultBacklog: 4096,
      fix: () =>
        advice(
          'jekyll serve has no backlog option (WEBrick listens with 4096)',
          'Beyond that, serve the built _site folder with a server that takes a backlog (e.g. nginx: listen ... backlog=N), or lower the concurrency.',
        ),
    },
  },
  {
    test: (a) => /-run\s+-e\s+httpd\b|\bwebrick\b/i.test(a),
    kind: {
      id: 'webrick',
      name: 'Ruby WEBrick',
      language: 'ruby',
      defaultBacklog: 4096,
      fix: (c) =>
        code(
          'Call listen() with a larger backlog on WEBrick\'s sockets (it listens with 4096)',
          `server = WEBrick::HTTPServer.new(Port: ${c.port}, DocumentRoot: '.')\nserver.listeners.each { |s| s.listen(${c.backlog}) }\nserver.start`,
          'ruby -run -e httpd takes no backlog option; a small script can call TCPServer#listen again, which resizes the queue.',
        ),
    },
  },
  {
    test: (_a, exe) => exe === 'ruby',
    kind: {
      id: 'ruby',
      name: 'Ruby TCPServer',
      language: 'ruby',
      defaultBacklog: 4096,
      fix: (c) =>
        editedListenCall(c) ??
        code('Call TCPServer#listen with a larger backlog', `server.listen(${c.backlog})`, passesNow(c, 'TCPServer.new listens with Socket::SOMAXCONN (4096).')),
    },
  },
  {
    test: (a, exe) => exe === 'php' && /(^|\s)-S\s*\S/.test(a),
    kind: {
      id: 'php',
      name: 'PHP built-in server (php -S)',
      language: 'php',
      defaultBacklog: 4096,
      fix: () =>
        advice(
          'php -S has no backlog option (it listens with 4096)',
          'Beyond that, serve the app with PHP-FPM behind a server that takes a backlog (nginx: listen ... backlog=N), or lower the concurrency.',
        ),
    },
  },
  {
    test: (a, exe) => exe === 'hugo' || /(^|[\s/])hugo\s+(server|serve|s)\b/.test(a),
    kind: {
      id: 'hugo',
      name: 'Hugo',
      language: 'go',
      followsSomaxconn: true,
      fix: () => advice('Hugo listens with net.core.somaxconn', 'Go passes the kernel maximum to listen(): raising net.core.somaxconn is the whole fix.'),
    },
  },
  {
    test: (a) => /\/go-build\d*\//.test(a.split(' ')[0] ?? ''),
    kind: {
      id: 'go',
      name: 'Go net/http',
      language: 'go',
      followsSomaxconn: true,
      fix: () =>
        advice(
          'Go listens with net.core.somaxconn',
          'net.Listen and net.ListenConfig pass the kernel maximum to listen() and take no backlog: raising net.core.somaxconn is the fix.',
        ),
    },
  },
  {
    test: (a, exe) => exe === 'java' && /spring|tomcat/i.test(a),
    kind: {
      id: 'tomcat',
      name: 'Tomcat (Spring Boot)',
      language: 'java',
      defaultBacklog: 100,
      fix: (c) => ({ title: "Raise Tomcat's accept count (application.properties)", kind: 'config', snippet: `server.tomcat.accept-count=${c.backlog}` }),
    },
  },
  {
    test: (a, exe) => exe === 'nginx' || /^nginx\b/.test(a),
    kind: {
      id: 'nginx',
      name: 'nginx',
      language: 'nginx',
      defaultBacklog: 511,
      fix: (c) => ({ title: 'Add backlog= to the listen directive', kind: 'config', snippet: `listen ${c.port} backlog=${c.backlog};` }),
    },
  },
  {
    test: (_a, exe) => exe === 'redis-server',
    kind: {
      id: 'redis',
      name: 'Redis',
      language: 'redis',
      defaultBacklog: 511,
      fix: (c) => ({ title: 'Raise tcp-backlog in redis.conf', kind: 'config', snippet: `tcp-backlog ${c.backlog}` }),
    },
  },
  {
    test: (a) => /(^|[\s/])vite(\.m?js)?(\s|$)/.test(a),
    kind: {
      id: 'vite',
      name: 'Vite',
      language: 'node',
      defaultBacklog: 511,
      fix: (c) =>
        code(
          'Vite has no backlog option: a plugin can pass one to its listen() call (vite.config)',
          `plugins: [{\n  name: 'listen-backlog',\n  configureServer(server) {\n    const listen = server.httpServer.listen.bind(server.httpServer);\n` +
            `    server.httpServer.listen = (port, host, cb) => listen({ port, host, backlog: ${c.backlog} }, cb);\n  },\n}]`,
          'Vite calls httpServer.listen(port, host, callback) without a backlog, so Node passes 511.',
        ),
    },
  },
  {
    test: (a) => NODE_TOOLS_WITHOUT_OPTION.test(a),
    kind: {
      id: 'node-dev-tool',
      name: 'Node.js dev server',
      language: 'node',
      defaultBacklog: 511,
      fix: () =>
        advice(
          'This dev server has no backlog option (Node passes 511 to listen())',
          'Raise net.core.somaxconn for up to 511 queued connections; beyond that, load-test a production build behind a server that takes a backlog, or lower the concurrency.',
        ),
    },
  },
  {
    test: (a, exe) => ['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'nodemon'].includes(exe) || /(^|[\s/])(node|nodemon|tsx|ts-node)(\s|$)/.test(a),
    kind: {
      id: 'node',
      name: 'Node.js',
      language: 'node',
      defaultBacklog: 511,
      fix: (c) => {
        const edited = editedListenCall(c);
        if (edited) return edited;
        const host = snippetHost(c.server.address);
        return code(
          'Pass a backlog to listen()',
          `server.listen({ port: ${c.port}, ${host ? `host: '${host}', ` : ''}backlog: ${c.backlog} })`,
          passesNow(c, 'Node passes 511 to listen() unless told otherwise.'),
        );
      },
    },
  },
];

function flaskModule(s: ServerContext): string {
  const argv = s.argv;
  const app = argv.indexOf('--app');
  if (app >= 0 && argv[app + 1]) return `${argv[app + 1]!.split(':')[0]!.replace(/\.py$/, '')}.py`;
  const script = argv.slice(1).find((x) => x.endsWith('.py'));
  return script ? script.split('/').pop()! : 'app.py';
}

function executableName(argv0: string): string {
  const base = argv0.split(/\s/)[0]!.split('/').pop() ?? argv0;
  return base.replace(/\d+(\.\d+)*$/, ''); // python3.12 -> python, node20 -> node
}

/** Recognises a server from its argv (and ss's process name when argv is unreadable), and the script it runs. */
export function recognizeServer(argv: string[], processName?: string, context?: ServerContext): ServerKind | undefined {
  const exe = executableName(argv[0] ?? processName ?? '');
  const joined = argv.length > 0 ? argv.join(' ') : processName ?? '';
  const server = context ?? { argv };
  return KINDS.find((k) => k.test(joined, exe, server))?.kind;
}
