// What the editor hints know about one place where a server starts listening.

/** Offsets into the document text; `end` is exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export type ListenApi =
  | 'node-listen'
  | 'python-socket-listen'
  | 'python-socketserver'
  | 'python-asyncio'
  | 'python-aiohttp'
  | 'python-tornado'
  | 'python-flask'
  | 'python-http-server'
  | 'django-runserver'
  | 'uvicorn'
  | 'gunicorn'
  | 'hypercorn'
  | 'ruby-tcpserver'
  | 'ruby-socket-listen'
  | 'ruby-webrick'
  | 'puma'
  | 'go-net-listen'
  | 'nginx-listen';

/**
 * Replacing `span` with `prefix + backlog + suffix` sets the backlog. Present only where the edit is known to be
 * safe for that API; for an existing argument it replaces just the argument.
 */
export interface BacklogEdit {
  span: TextSpan;
  prefix: string;
  suffix: string;
}

export interface ListenSite {
  api: ListenApi;
  /** How the user knows this API, e.g. "Node server.listen()". */
  apiLabel: string;
  /** The call, directive or command that listens. */
  span: TextSpan;
  /** 0-based line and column of `span.start`. */
  line: number;
  character: number;
  /** The port as written, and its value when it can be worked out (literal, or a variable's default). */
  port?: { text: string; value?: number };
  /** The backlog given explicitly, when there is one. `value` is absent when it is not a plain number. */
  backlog?: { text: string; value?: number; span: TextSpan };
  /** What the API passes to listen() when no backlog is given; 'somaxconn' when it asks for the kernel maximum. */
  defaultBacklog: number | 'somaxconn';
  /** Why that default, in words. */
  defaultSource: string;
  backlogEdit?: BacklogEdit;
}

export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
