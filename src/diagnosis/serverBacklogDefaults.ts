// The listen() backlog that common dev servers pass by default, and how to raise it, recognised from the
// owning process's command line. The effective accept queue is min(this, somaxconn).
import type { Fix } from '../shared/findings';

export interface ServerKind {
  /** Human name, e.g. "Python http.server". */
  name: string;
  /** The listen() argument it uses unless told otherwise; undefined when it depends (e.g. on somaxconn). */
  defaultBacklog?: number;
  /** The code or config change that raises it to `backlog`. */
  fix(backlog: number, port: number): Fix;
}

const adviceOnly = (title: string, detail: string, snippet?: string): Fix => ({ title, kind: 'code', detail, snippet });

const KINDS: Array<{ test: (argv: string, exe: string) => boolean; kind: ServerKind }> = [
  {
    test: (a) => /(^|\s)-m\s+(http\.server|SimpleHTTPServer)\b/.test(a),
    kind: {
      name: 'Python http.server',
      defaultBacklog: 5,
      fix: (b, port) =>
        adviceOnly(
          'Raise request_queue_size (socketserver listens with 5)',
          'python -m http.server cannot take a backlog; run a small script with a subclass instead.',
          `from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler\n` +
            `class Server(ThreadingHTTPServer):\n    request_queue_size = ${b}\n` +
            `Server(("127.0.0.1", ${port}), SimpleHTTPRequestHandler).serve_forever()`,
        ),
    },
  },
  {
    test: (a) => /manage\.py\s+runserver|django-admin\s+runserver/.test(a),
    kind: {
      name: 'Django runserver',
      defaultBacklog: 10,
      fix: (b, port) =>
        adviceOnly(
          'Load-test a production server, not runserver (its WSGIServer listens with request_queue_size = 10)',
          'runserver is single-purpose for development; gunicorn or uvicorn take a --backlog.',
          `gunicorn myproject.wsgi --bind 127.0.0.1:${port} --backlog ${b} --workers 4`,
        ),
    },
  },
  {
    test: (a) => /\buvicorn\b/.test(a),
    kind: {
      name: 'uvicorn',
      defaultBacklog: 2048,
      fix: (b) => ({ title: 'Pass --backlog to uvicorn', kind: 'config', snippet: `uvicorn app:app --backlog ${b}` }),
    },
  },
  {
    test: (a) => /\bgunicorn\b/.test(a),
    kind: {
      name: 'gunicorn',
      defaultBacklog: 2048,
      fix: (b) => ({ title: 'Pass --backlog to gunicorn', kind: 'config', snippet: `gunicorn app:app --backlog ${b}` }),
    },
  },
  {
    test: (a) => /\bhypercorn\b/.test(a),
    kind: {
      name: 'Hypercorn',
      defaultBacklog: 100,
      fix: (b) => ({ title: 'Pass --backlog to hypercorn', kind: 'config', snippet: `hypercorn app:app --backlog ${b}` }),
    },
  },
  {
    test: (a) => /\bflask\s+run\b|werkzeug/.test(a),
    kind: {
      name: 'Flask/Werkzeug dev server',
      defaultBacklog: 128,
      fix: (b, port) =>
        adviceOnly(
          'Load-test a production WSGI server (the Werkzeug dev server listens with 128)',
          'The development server is not meant for load; gunicorn takes a --backlog.',
          `gunicorn app:app --bind 127.0.0.1:${port} --backlog ${b} --workers 4`,
        ),
    },
  },
  {
    test: (a) => /\bpuma\b|rails\s+s(erver)?\b/.test(a),
    kind: {
      name: 'Puma',
      defaultBacklog: 1024,
      fix: (b, port) => ({ title: 'Set the backlog in the bind URL', kind: 'config', snippet: `bind "tcp://127.0.0.1:${port}?backlog=${b}"` }),
    },
  },
  {
    test: (a, exe) => exe === 'ruby' || /\bjekyll\b|\bwebrick\b/i.test(a),
    kind: {
      name: 'Ruby TCPServer (WEBrick, jekyll serve)',
      defaultBacklog: 4096,
      fix: (b) => adviceOnly('Call listen() with a larger backlog on the server socket', 'TCPServer listens with SOMAXCONN.', `server.listen(${b})`),
    },
  },
  {
    test: (a, exe) => exe === 'nginx' || /^nginx\b/.test(a),
    kind: {
      name: 'nginx',
      defaultBacklog: 511,
      fix: (b, port) => ({ title: 'Add backlog= to the listen directive', kind: 'config', snippet: `listen ${port} backlog=${b};` }),
    },
  },
  {
    test: (_a, exe) => exe === 'redis-server',
    kind: {
      name: 'Redis',
      defaultBacklog: 511,
      fix: (b) => ({ title: 'Raise tcp-backlog in redis.conf', kind: 'config', snippet: `tcp-backlog ${b}` }),
    },
  },
  {
    test: (a, exe) => exe === 'java' && /spring|tomcat/i.test(a),
    kind: {
      name: 'Tomcat (Spring Boot)',
      defaultBacklog: 100,
      fix: (b) => ({ title: 'Raise Tomcat\'s accept count', kind: 'config', snippet: `server.tomcat.accept-count=${b}` }),
    },
  },
  {
    test: (a, exe) => exe === 'node' || exe === 'nodejs' || /\b(vite|next|nuxt|webpack|astro|nest)\b/.test(a),
    kind: {
      name: 'Node.js',
      defaultBacklog: 511,
      fix: (b, port) => ({
        title: 'Pass a backlog to listen()',
        kind: 'code',
        snippet: `server.listen({ port: ${port}, backlog: ${b} })`,
        detail: 'Node listens with 511 unless told otherwise; dev servers built on Node (Vite, Next, webpack) keep that default.',
      }),
    },
  },
];

function executableName(argv0: string): string {
  const base = argv0.split('/').pop() ?? argv0;
  return base.replace(/\d+(\.\d+)*$/, ''); // python3.12 -> python, node20 -> node
}

/** Recognises a server from its argv (and ss's process name when argv is unreadable). */
export function recognizeServer(argv: string[], processName?: string): ServerKind | undefined {
  const exe = executableName(argv[0] ?? processName ?? '');
  const joined = argv.length > 0 ? argv.join(' ') : processName ?? '';
  return KINDS.find((k) => k.test(joined, exe))?.kind;
}
