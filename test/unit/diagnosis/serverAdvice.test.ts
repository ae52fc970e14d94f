// The fix for a too-small accept queue, in the terms of the server that owns the listener: its language, its own
// option (or none), what its code passes now; only the sysctl when the server already passes enough.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backlogRemedy } from '../../../src/diagnosis/rules/backlogFixes';
import type { DiagnosisFacts, ListenerFacts } from '../../../src/diagnosis/rules/diagnosisFacts';
import { djangoSettingsFrom, scriptOf, type ServerContext } from '../../../src/diagnosis/serverContext';
import type { Fix } from '../../../src/shared/findings';
import { facts } from './diagnosisFactsFixture';

interface Case {
  argv: string[];
  backlog: number;
  somaxconn: number;
  connections?: number;
  address?: string;
  server?: Partial<ServerContext>;
}

function fixesFor(c: Case): Fix[] {
  const base = facts({}, { 'net.core.somaxconn': String(c.somaxconn) });
  const listener: ListenerFacts = { ...base.listeners[0]!, argv: c.argv, backlog: c.backlog, address: c.address ?? '127.0.0.1' };
  const f: DiagnosisFacts = {
    ...base,
    target: { ...base.target, connections: c.connections ?? 50 },
    listeners: [listener],
    listenersOnPort: [listener],
    server: c.server ? { pid: listener.pid, argv: c.argv, address: listener.address, ...c.server } : undefined,
  };
  return backlogRemedy(f).fixes;
}

const snippets = (fixes: Fix[]) => fixes.map((f) => f.snippet ?? '').join('\n---\n');
const NODE_CODE = /server\.listen\(|backlog:/;

test('PHP -S and Hugo at somaxconn 128: the sysctl alone, no Node snippet', () => {
  for (const argv of [['php', '-S', '127.0.0.1:8080'], ['hugo', 'server', '--port', '1313']]) {
    const fixes = fixesFor({ argv, backlog: 128, somaxconn: 128 });
    assert.equal(fixes[0]!.command, 'sudo sysctl -w net.core.somaxconn=4096', argv[0]);
    assert.deepEqual(fixes.map((f) => f.kind), ['command', 'advice'], `${argv[0]}: only the sysctl, then "accept faster"`);
    assert.doesNotMatch(snippets(fixes), NODE_CODE);
  }
});

test('Jekyll beyond 2048 connections: no server.listen(8192), it has no option', () => {
  const fixes = fixesFor({ argv: ['/usr/bin/ruby', '/usr/bin/jekyll', 'serve'], backlog: 4096, somaxconn: 4096, connections: 3000 });
  assert.ok(fixes.some((f) => f.command === 'sudo sysctl -w net.core.somaxconn=8192'));
  const jekyll = fixes.find((f) => /jekyll serve has no backlog option/.test(f.title));
  assert.ok(jekyll, 'says what is possible for Jekyll');
  assert.equal(jekyll.snippet, undefined);
  assert.doesNotMatch(snippets(fixes), /listen\(8192\)/);
});

test('Vite: no Node listen() snippet; a plugin that passes a backlog, or nothing but somaxconn', () => {
  const argv = ['node', '/app/node_modules/.bin/vite', '--port', '5173'];
  const limited = fixesFor({ argv, backlog: 511, somaxconn: 4096, connections: 600 });
  assert.match(limited[0]!.title, /Vite has no backlog option/);
  assert.match(limited[0]!.snippet ?? '', /configureServer\(server\)[\s\S]*backlog: 4096/);
  assert.doesNotMatch(limited[0]!.snippet ?? '', /server\.listen\(\{ port: 5173/);
  const small = fixesFor({ argv, backlog: 128, somaxconn: 128, connections: 50 });
  assert.deepEqual(small.map((f) => f.kind), ['command', 'advice'], "Vite's 511 holds 50: somaxconn alone");
});

test('a plain Python server gets Python: request_queue_size or sock.listen(n)', () => {
  const fixes = fixesFor({ argv: ['python3', 'server.py'], backlog: 16, somaxconn: 4096 });
  assert.match(fixes[0]!.snippet ?? '', /request_queue_size = 4096[\s\S]*sock\.listen\(4096\)/);
  assert.match(fixes[0]!.detail ?? '', /The server passes 16 to listen\(\)/);
  assert.doesNotMatch(snippets(fixes), NODE_CODE);
});

test('python -m http.server keeps its bind address', () => {
  const fixes = fixesFor({ argv: ['python3', '-m', 'http.server', '8001', '--bind', '127.0.0.1'], backlog: 5, somaxconn: 4096 });
  assert.match(fixes[0]!.snippet ?? '', /request_queue_size = 4096\nServer\(\("127\.0\.0\.1", 3000\)/);
});

test('python -m http.server on IPv6 keeps IPv6: "::" or its address in AF_INET6, never "" (IPv4 only)', () => {
  const argv = ['python3', '-m', 'http.server', '8003', '--bind', '::'];
  for (const address of ['*', '[::]']) {
    const snippet = fixesFor({ argv, backlog: 5, somaxconn: 4096, address, server: {} })[0]!.snippet ?? '';
    assert.match(snippet, /^import socket\n/, address);
    assert.match(snippet, /address_family = socket\.AF_INET6\n    request_queue_size = 4096\nServer\(\("::", 3000\)/, address);
  }
  const loopback6 = fixesFor({ argv, backlog: 5, somaxconn: 4096, address: '[::1]', server: {} })[0]!.snippet ?? '';
  assert.match(loopback6, /address_family = socket\.AF_INET6[\s\S]*Server\(\("::1", 3000\)/);
  const any4 = fixesFor({ argv, backlog: 5, somaxconn: 4096, address: '0.0.0.0', server: {} })[0]!.snippet ?? '';
  assert.doesNotMatch(any4, /AF_INET6|import socket/);
  assert.match(any4, /Server\(\("", 3000\)/);
});

test('Django: the project named in manage.py, runserver given a server class', () => {
  const fixes = fixesFor({ argv: ['python3', 'manage.py', 'runserver'], backlog: 10, somaxconn: 4096, server: { djangoSettingsModule: 'mysite.settings' } });
  assert.match(fixes[0]!.snippet ?? '', /^# mysite\/management\/commands\/runserver\.py/);
  assert.match(fixes[0]!.snippet ?? '', /request_queue_size = 4096[\s\S]*server_cls = Server/);
  assert.match(fixes[0]!.detail ?? '', /gunicorn mysite\.wsgi --backlog 4096/);
  assert.doesNotMatch(JSON.stringify(fixes), /myproject/);
});

test('Flask dev server: Werkzeug 2 LISTEN_QUEUE and Werkzeug 3 request_queue_size, in the app module', () => {
  const fixes = fixesFor({ argv: ['/usr/bin/python3', '-m', 'flask', '--app', 'hello', 'run'], backlog: 128, somaxconn: 4096, connections: 200 });
  assert.match(fixes[0]!.snippet ?? '', /^import werkzeug\.serving {2}# at the top of hello\.py/);
  assert.match(fixes[0]!.snippet ?? '', /\nwerkzeug\.serving\.LISTEN_QUEUE = 4096 {2}# Werkzeug 2\.x\n/);
  assert.match(fixes[0]!.snippet ?? '', /\nwerkzeug\.serving\.BaseWSGIServer\.request_queue_size = 4096 {2}# Werkzeug 3\.x$/);
});

test('Ruby, Puma, Go, Spring: each in its own terms', () => {
  assert.equal(fixesFor({ argv: ['ruby', 'server.rb'], backlog: 16, somaxconn: 4096 })[0]!.snippet, 'server.listen(4096)');
  assert.equal(fixesFor({ argv: ['puma 5.6.5 (tcp://127.0.0.1:9292) [app]'], backlog: 1024, somaxconn: 4096, connections: 1500 })[0]!.snippet, 'bind "tcp://127.0.0.1:3000?backlog=4096"');
  const go = fixesFor({ argv: ['/tmp/go-build42/b001/exe/main'], backlog: 128, somaxconn: 128 });
  assert.deepEqual(go.map((f) => f.kind), ['command', 'advice'], 'Go uses somaxconn');
  assert.match(go[0]!.detail ?? '', /Go net\/http passes somaxconn/);
  assert.equal(fixesFor({ argv: ['java', '-jar', 'spring-app.jar'], backlog: 100, somaxconn: 4096 })[0]!.snippet, 'server.tomcat.accept-count=4096');
});

test('an unknown server gets no code at all', () => {
  const fixes = fixesFor({ argv: ['/opt/weird/serverd', '--listen', '3000'], backlog: 16, somaxconn: 4096 });
  assert.equal(fixes[0]!.kind, 'advice');
  assert.match(fixes[0]!.detail ?? '', /\(serverd\) was not recognised, so no code is suggested/);
  assert.ok(fixes.every((f) => f.snippet === undefined));
});

test('Node: the listen call found in the code, with only the backlog changed; else the host kept', () => {
  const call = {
    file: 'server.js',
    line: 12,
    text: "app.listen(PORT, '127.0.0.1', 8, () => console.log('up'))",
    edit: { before: "app.listen(PORT, '127.0.0.1', ", after: ", () => console.log('up'))" },
    backlog: 8,
    defaultBacklog: 511,
    apiLabel: 'Node server.listen()',
  };
  const found = fixesFor({ argv: ['node', 'server.js'], backlog: 8, somaxconn: 4096, server: { listenCall: call } });
  assert.equal(found[0]!.snippet, "app.listen(PORT, '127.0.0.1', 4096, () => console.log('up'))");
  assert.match(found[0]!.detail ?? '', /server\.js:12 passes 8/);
  assert.doesNotMatch(JSON.stringify(found), /511/, 'says what the code passes');
  const wildcard = fixesFor({ argv: ['node', 'server.js'], backlog: 8, somaxconn: 4096, address: '0.0.0.0' });
  assert.equal(wildcard[0]!.snippet, 'server.listen({ port: 3000, backlog: 4096 })');
  const v6 = fixesFor({ argv: ['node', 'server.js'], backlog: 8, somaxconn: 4096, address: '::1' });
  assert.equal(v6[0]!.snippet, "server.listen({ port: 3000, host: '::1', backlog: 4096 })");
});

test('Node: a backlog written as an expression is quoted, never called "no backlog" or the default', () => {
  const call = {
    file: 'server.js',
    line: 24,
    text: "server.listen(port, '127.0.0.1', backlog ?? 511, () => {",
    edit: { before: "server.listen(port, '127.0.0.1', ", after: ', () => {' },
    backlogExpression: 'backlog ?? 511',
    defaultBacklog: 511,
    apiLabel: 'Node server.listen()',
  };
  const limited = fixesFor({ argv: ['node', 'server.js'], backlog: 8, somaxconn: 4096, server: { listenCall: call } });
  assert.equal(limited[0]!.snippet, "server.listen(port, '127.0.0.1', 4096, () => {");
  assert.match(limited[0]!.detail ?? '', /server\.js:24 passes `backlog \?\? 511`/);
  assert.doesNotMatch(limited[0]!.detail ?? '', /passes no backlog/);
  // somaxconn is the limit and the expression's value is unknown: the server's default (511) is not assumed.
  const clamped = fixesFor({ argv: ['node', 'server.js'], backlog: 128, somaxconn: 128, server: { listenCall: call } });
  assert.doesNotMatch(JSON.stringify(clamped), /uses 511/);
  assert.equal(clamped[0]!.command, 'sudo sysctl -w net.core.somaxconn=4096');
});

test('the server already passes more than the suggestion: only the sysctl', () => {
  const fixes = fixesFor({ argv: ['node', 'server.js'], backlog: 128, somaxconn: 128, server: { listenCall: { file: 'server.js', line: 3, text: 'server.listen(3000, 8192)', edit: { before: 'server.listen(3000, ', after: ')' }, backlog: 8192, defaultBacklog: 511, apiLabel: 'Node server.listen()' } } });
  assert.deepEqual(fixes.map((f) => f.kind), ['command', 'advice']);
});

test('scriptOf: the file a runtime runs, past options that take a value', () => {
  assert.equal(scriptOf(['node', '--import', 'tsx', 'scripts/dev.ts', '--port', '3000']), 'scripts/dev.ts');
  assert.equal(scriptOf(['node', '-r', 'dotenv/config', 'server.js']), 'server.js');
  assert.equal(scriptOf(['/usr/bin/python3', '-u', 'app.py']), 'app.py');
  assert.equal(scriptOf(['python3', '-m', 'http.server', 'x.py']), undefined);
  assert.equal(scriptOf(['node', '/app/node_modules/.bin/vite']), undefined);
});

test('djangoSettingsFrom: the settings module manage.py sets', () => {
  assert.equal(djangoSettingsFrom('os.environ["DJANGO_SETTINGS_MODULE"] = "x"'), undefined);
  assert.equal(djangoSettingsFrom('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")'), 'config.settings.local');
});
