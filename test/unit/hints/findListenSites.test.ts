import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findListenSites } from '../../../src/hints/findListenSites';
import type { ListenSite } from '../../../src/hints/listenSite';

/** The text after applying a site's backlog edit with `n`. */
function applyEdit(text: string, site: ListenSite, n: number): string {
  const edit = site.backlogEdit;
  assert.ok(edit, 'expected a backlog edit');
  return text.slice(0, edit.span.start) + edit.prefix + n + edit.suffix + text.slice(edit.span.end);
}
const spanOf = (text: string, site: ListenSite) => text.slice(site.span.start, site.span.end);

describe('Node listen sites', () => {
  it('skips calls in comments, strings, template text and regexes, keeps real ones', () => {
    const text = [
      '// app.listen(1)',
      '/* server.listen(2) */',
      'const s = "server.listen(3)";',
      'const t = `app.listen(4) ${ other.listen(5) }`;',
      'const re = /x.listen(6)/;',
      "app.listen(7, () => console.log('listen(8)'));",
    ].join('\n');
    const sites = findListenSites(text, 'javascript');
    assert.deepEqual(sites.map((s) => s.port?.value), [5, 7]);
    assert.equal(sites[1].line, 5);
    assert.equal(sites[1].character, 0);
  });

  it('resolves a port from a variable with an env fallback and converts to the options form', () => {
    const text = 'const PORT = process.env.PORT || 3000;\napp.listen(PORT, () => {});\n';
    const [site] = findListenSites(text, 'typescript');
    assert.equal(site.port?.value, 3000);
    assert.equal(site.defaultBacklog, 511);
    assert.equal(site.backlog, undefined);
    assert.equal(applyEdit(text, site, 4096).split('\n')[1], 'app.listen({ port: PORT, backlog: 4096 }, () => {});');
  });

  it('inserts the backlog after a host, or before the callback', () => {
    const a = "server.listen(8080, '127.0.0.1');";
    assert.equal(applyEdit(a, findListenSites(a, 'javascript')[0], 1024), "server.listen(8080, '127.0.0.1', 1024);");
    const b = "server.listen(8080, 'localhost', function () {});";
    assert.equal(applyEdit(b, findListenSites(b, 'javascript')[0], 1024), "server.listen(8080, 'localhost', 1024, function () {});");
  });

  it('reads an explicit backlog (3rd after host, 2nd when numeric, options property) and replaces only it', () => {
    const a = "server.listen(8080, '0.0.0.0', 100, cb);";
    const [siteA] = findListenSites(a, 'javascript');
    assert.equal(siteA.backlog?.value, 100);
    assert.equal(applyEdit(a, siteA, 4096), "server.listen(8080, '0.0.0.0', 4096, cb);");
    const b = 'http.createServer(handler).listen(3000, 50);';
    assert.equal(findListenSites(b, 'javascript')[0].backlog?.value, 50);
    const c = 'fastify.listen({ port: 3000, backlog: 64 });';
    const [siteC] = findListenSites(c, 'javascript');
    assert.equal(siteC.backlog?.value, 64);
    assert.equal(applyEdit(c, siteC, 512), 'fastify.listen({ port: 3000, backlog: 512 });');
  });

  it('adds backlog to an options object on one line and across lines', () => {
    const a = "fastify.listen({ port: 3000, host: '0.0.0.0' });";
    assert.equal(applyEdit(a, findListenSites(a, 'javascript')[0], 2048),
      "fastify.listen({ port: 3000, host: '0.0.0.0', backlog: 2048 });");
    const b = "await app.listen({\n  port: 3000,\n  host: '::',\n});";
    assert.equal(applyEdit(b, findListenSites(b, 'typescript')[0], 2048),
      "await app.listen({\n  port: 3000,\n  host: '::',\n  backlog: 2048,\n});");
  });

  it('offers no edit when an argument could be anything', () => {
    for (const text of ['server.listen(opts);', 'server.listen(port, hostOrCb);', 'server.listen(getPort() + 1);']) {
      const [site] = findListenSites(text, 'javascript');
      assert.ok(site, text);
      assert.equal(site.backlogEdit, undefined, text);
    }
  });

  it('shows NestJS sites without an edit', () => {
    const text = "import { NestFactory } from '@nestjs/core';\nawait app.listen(3000);";
    const [site] = findListenSites(text, 'typescript');
    assert.equal(site.apiLabel, 'NestJS app.listen()');
    assert.equal(site.backlogEdit, undefined);
  });
});

describe('Python listen sites', () => {
  it('reads socket.listen(n), the bind port from a variable, and ignores comments and docstrings', () => {
    const text = [
      'PORT = int(os.environ.get("PORT", 8000))',
      's.bind(("", PORT))',
      '# s.listen(5)',
      '"""s.listen(3)"""',
      's.listen(64)',
    ].join('\n');
    const sites = findListenSites(text, 'python');
    assert.equal(sites.length, 1);
    assert.equal(sites[0].backlog?.value, 64);
    assert.equal(sites[0].port?.value, 8000);
    assert.equal(applyEdit(text, sites[0], 1024).split('\n')[4], 's.listen(1024)');
  });

  it('gives socket.listen() without argument the default and an edit', () => {
    const text = 'sock.listen()';
    const [site] = findListenSites(text, 'python');
    assert.equal(site.defaultBacklog, 128);
    assert.equal(applyEdit(text, site, 512), 'sock.listen(512)');
  });

  it('sets request_queue_size before a socketserver constructor, or reads it from the class', () => {
    const text = 'with socketserver.TCPServer(("", 8001), Handler) as httpd:\n    httpd.serve_forever()\n';
    const [site] = findListenSites(text, 'python');
    assert.equal(site.api, 'python-socketserver');
    assert.equal(site.defaultBacklog, 5);
    assert.equal(site.port?.value, 8001);
    assert.equal(applyEdit(text, site, 4096).split('\n')[0], 'socketserver.TCPServer.request_queue_size = 4096');
    const withAttr = 'class S(socketserver.ThreadingTCPServer):\n    request_queue_size = 100\n\nS(("", 9000), H).serve_forever()\n';
    const sites = findListenSites(withAttr, 'python');
    assert.equal(sites.length, 1);
    assert.equal(sites[0].backlog?.value, 100);
  });

  it('adds backlog= to uvicorn.run, keeping a trailing comma valid', () => {
    const a = 'uvicorn.run(app, host="0.0.0.0", port=8002)';
    const [site] = findListenSites(a, 'python');
    assert.equal(site.defaultBacklog, 2048);
    assert.equal(site.port?.value, 8002);
    assert.equal(applyEdit(a, site, 4096), 'uvicorn.run(app, host="0.0.0.0", port=8002, backlog=4096)');
    const b = 'uvicorn.run("m:app", port=8003, backlog=4096,)';
    assert.equal(findListenSites(b, 'python')[0].backlog?.value, 4096);
  });

  it('reads a gunicorn config file by its name', () => {
    const text = 'bind = "0.0.0.0:8000"\nworkers = 2\n';
    const [site] = findListenSites(text, 'python', '/w/gunicorn.conf.py');
    assert.equal(site.api, 'gunicorn');
    assert.equal(site.port?.value, 8000);
    assert.equal(applyEdit(text, site, 4096), 'bind = "0.0.0.0:8000"\nbacklog = 4096\nworkers = 2\n');
    assert.deepEqual(findListenSites(text, 'python', '/w/settings.py'), []);
  });
});

describe('command lines, Ruby, Go, nginx', () => {
  it('finds uvicorn/gunicorn/http.server in a shell script, not in comments or installs', () => {
    const text = '#!/bin/sh\n# uvicorn main:app\npip install uvicorn gunicorn\nuvicorn main:app --port 8000 --reload && echo hi\n' +
      'gunicorn -b 0.0.0.0:9000 --backlog 64 app:app\npython3 -m http.server 8080\n';
    const sites = findListenSites(text, 'shellscript');
    assert.deepEqual(sites.map((s) => [s.api, s.port?.value, s.backlog?.value]), [
      ['uvicorn', 8000, undefined],
      ['gunicorn', 9000, 64],
      ['python-http-server', 8080, undefined],
    ]);
    assert.equal(spanOf(text, sites[0]), 'uvicorn main:app --port 8000 --reload');
    assert.ok(applyEdit(text, sites[0], 4096).includes('\nuvicorn --backlog 4096 main:app --port 8000'));
    assert.equal(sites[2].backlogEdit, undefined);
  });

  it('reads package.json scripts only', () => {
    const text = '{"description": "uvicorn --port 1", "scripts": {"dev": "uvicorn main:app --port 8000"}}';
    const sites = findListenSites(text, 'json', '/w/package.json');
    assert.equal(sites.length, 1);
    assert.equal(spanOf(text, sites[0]), 'uvicorn main:app --port 8000');
  });

  it('Ruby TCPServer: default 4096, a later server.listen(n) is its backlog, a commented one is not', () => {
    const text = "server = TCPServer.new('localhost', 2000)\n# server.listen(5)\n";
    const [site] = findListenSites(text, 'ruby');
    assert.equal(site.defaultBacklog, 4096);
    assert.equal(site.backlog, undefined);
    assert.equal(applyEdit(text, site, 1024), "server = TCPServer.new('localhost', 2000)\nserver.listen(1024)\n# server.listen(5)\n");
    const explicit = "server = TCPServer.new(2000)\nserver.listen(16)\n";
    const sites = findListenSites(explicit, 'ruby');
    assert.equal(sites.length, 1);
    assert.equal(sites[0].backlog?.value, 16);
  });

  it('Go listens with somaxconn and has no edit; ports from string literals and Server{Addr}', () => {
    const text = 'package main\nfunc main() {\n  // http.ListenAndServe(":1", nil)\n  http.ListenAndServe(":8080", nil)\n' +
      '  srv := &http.Server{Addr: ":7070"}\n  srv.ListenAndServe()\n}\n';
    const sites = findListenSites(text, 'go');
    assert.deepEqual(sites.map((s) => s.port?.value), [8080, 7070]);
    assert.ok(sites.every((s) => s.defaultBacklog === 'somaxconn' && !s.backlogEdit));
  });

  it('nginx: default 511, backlog= read, edit only on the first directive of an address', () => {
    const text = 'server {\n  listen 80;\n  listen 127.0.0.1:8080 backlog=1024; # listen 1;\n}\nserver { listen 80; }\n';
    const sites = findListenSites(text, 'nginx');
    assert.deepEqual(sites.map((s) => [s.port?.value, s.backlog?.value]), [[80, undefined], [8080, 1024], [80, undefined]]);
    assert.ok(applyEdit(text, sites[0], 4096).includes('listen 80 backlog=4096;'));
    assert.equal(sites[2].backlogEdit, undefined);
  });

  it('says nothing for languages it does not read', () => {
    assert.deepEqual(findListenSites('server.listen(3000)', 'markdown', '/w/README.md'), []);
  });
});
