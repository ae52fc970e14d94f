import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recognizeServer } from '../../../src/diagnosis/serverBacklogDefaults';

test('recognises common dev servers from argv and knows their default backlog', () => {
  const cases: Array<[string[], string, number | undefined]> = [
    [['python3', '-m', 'http.server', '8000'], 'Python http.server', 5],
    [['/usr/bin/python3.12', 'manage.py', 'runserver'], 'Django runserver', 10],
    [['/venv/bin/python', '/venv/bin/uvicorn', 'app:app'], 'uvicorn', 2048],
    [['gunicorn', 'app:app'], 'gunicorn', 2048],
    [['nginx: master process nginx'], 'nginx', 511],
    [['/usr/bin/node', '/app/node_modules/.bin/vite'], 'Node.js', 511],
    [['ruby', '/usr/bin/jekyll', 'serve'], 'Ruby TCPServer (WEBrick, jekyll serve)', 4096],
    [['puma 6.4.0 (tcp://0.0.0.0:3000) [app]'], 'Puma', 1024],
  ];
  for (const [argv, name, backlog] of cases) {
    const k = recognizeServer(argv);
    assert.equal(k?.name, name, argv.join(' '));
    assert.equal(k?.defaultBacklog, backlog);
  }
  assert.equal(recognizeServer([], 'redis-server')?.defaultBacklog, 511, 'falls back to the ss process name');
  assert.equal(recognizeServer(['/opt/unknown-thing']), undefined);
});

test('fixes carry the backlog and port', () => {
  const fix = recognizeServer(['node', 'server.js'])!.fix(4096, 3000);
  assert.equal(fix.snippet, 'server.listen({ port: 3000, backlog: 4096 })');
  assert.match(recognizeServer(['python3', '-m', 'http.server'])!.fix(1024, 8000).snippet!, /request_queue_size = 1024/);
});
