import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recognizeServer } from '../../../src/diagnosis/serverBacklogDefaults';

test('recognises common dev servers from argv and knows the backlog they pass (read with ss, somaxconn raised)', () => {
  const cases: Array<[string[], string, number | undefined]> = [
    [['python3', '-m', 'http.server', '8000'], 'python-http.server', 5],
    [['/usr/bin/python3.12', 'manage.py', 'runserver'], 'django', 10],
    [['/usr/bin/python3', '-m', 'flask', 'run', '--port', '5000'], 'flask', 128],
    [['/venv/bin/python', '/venv/bin/flask', 'run'], 'flask', 128],
    [['/venv/bin/python', '/venv/bin/uvicorn', 'app:app'], 'uvicorn', 2048],
    [['gunicorn', 'app:app'], 'gunicorn', 2048],
    [['python3', 'server.py'], 'python', undefined],
    [['nginx: master process nginx'], 'nginx', 511],
    [['/usr/bin/node', '/app/node_modules/.bin/vite'], 'vite', 511],
    [['node', '/app/node_modules/next/dist/bin/next', 'dev'], 'node-dev-tool', 511],
    [['next-server (v16.0.1)'], 'node-dev-tool', 511],
    [['node', 'server.js'], 'node', 511],
    [['/usr/bin/ruby', '/usr/bin/jekyll', 'serve', '--port', '4000'], 'jekyll', 4096],
    [['ruby', '-run', '-e', 'httpd', '.', '-p', '8002'], 'webrick', 4096],
    [['ruby', 'server.rb'], 'ruby', 4096],
    [['puma 5.6.5 (tcp://127.0.0.1:9292) [app]'], 'puma', 1024],
    [['php', '-S', '127.0.0.1:8080'], 'php', 4096],
    [['hugo', 'server', '--port', '1313'], 'hugo', undefined],
    [['/tmp/go-build1234/b001/exe/main'], 'go', undefined],
    [['java', '-jar', 'app.jar', '--spring.profiles.active=dev'], 'tomcat', 100],
  ];
  for (const [argv, id, backlog] of cases) {
    const k = recognizeServer(argv);
    assert.equal(k?.id, id, argv.join(' '));
    assert.equal(k?.defaultBacklog, backlog, argv.join(' '));
  }
  assert.equal(recognizeServer(['hugo', 'server'])?.followsSomaxconn, true);
  assert.equal(recognizeServer([], 'redis-server')?.defaultBacklog, 511, 'falls back to the ss process name');
  assert.equal(recognizeServer(['/opt/unknown-thing']), undefined);
  assert.equal(recognizeServer(['php', 'artisan', 'queue:work']), undefined, 'php without -S is no web server');
});
