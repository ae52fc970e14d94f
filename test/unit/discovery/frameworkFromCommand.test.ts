import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { frameworkFromCommand } from '../../../src/discovery/index';
import { refineWithDependencies } from '../../../src/discovery/frameworkFromCommand';

// Real process command lines (as /proc shows them) and package.json scripts.
const CASES: Array<[string, string | undefined]> = [
  ['node /app/node_modules/.bin/vite', 'vite'],
  ['node /app/node_modules/vite/bin/vite.js --port 5174', 'vite'],
  ['vite dev --host', 'vite'],
  ['next-server (v14.2.3)', 'next'],
  ['next dev -p 3001', 'next'],
  ['next', 'next'],
  ['node /app/node_modules/.bin/next dev', 'next'],
  ['nuxi dev', 'nuxt'],
  ['node /app/node_modules/nuxi/bin/nuxi.mjs dev', 'nuxt'],
  ['astro dev', 'astro'],
  ['node /app/node_modules/.bin/astro dev --port 4400', 'astro'],
  ['webpack-dev-server --mode development', 'webpack-dev-server'],
  ['node /app/node_modules/webpack/bin/webpack.js serve', 'webpack-dev-server'],
  ['react-scripts start', 'react-scripts'],
  ['node /app/node_modules/react-scripts/scripts/start.js', 'react-scripts'],
  ['ng serve', 'angular'],
  ['node /app/node_modules/.bin/ng serve --port 4300', 'angular'],
  ['remix dev', 'remix'],
  ['svelte-kit dev', 'sveltekit'],
  ['gatsby develop', 'gatsby'],
  ['bundle exec jekyll serve --livereload', 'jekyll'],
  ['/usr/bin/ruby /usr/local/bin/jekyll serve', 'jekyll'],
  ['hugo server -D', 'hugo'],
  ['bin/rails server -p 3001', 'rails'],
  ['puma 6.4.0 (tcp://localhost:3000) [app]', 'puma'],
  ['ruby -run -e httpd . -p 8002', 'webrick'],
  ['/usr/bin/python3 -m flask --app hello run --port 5001', 'flask'],
  ['bundle exec rackup', 'rack'],
  ['python manage.py runserver 0.0.0.0:8001', 'django'],
  ['/usr/bin/python3 manage.py runserver', 'django'],
  ['flask run --port 5001', 'flask'],
  ['python -m flask run', 'flask'],
  ['uvicorn main:app --reload', 'uvicorn'],
  ['/venv/bin/python3 /venv/bin/uvicorn app:app', 'uvicorn'],
  ['gunicorn: master [app:app]', 'gunicorn'],
  ['gunicorn -b 127.0.0.1:8000 app:app', 'gunicorn'],
  ['php -S localhost:8080 -t public', 'php'],
  ['php8.2 -S 127.0.0.1:8000', 'php'],
  ['/usr/bin/python3 -m http.server 8000', 'python-http.server'],
  ['node server.js', 'node'],
  ['/usr/local/bin/node /app/index.js', 'node'],
  ['nodemon src/index.ts', 'node'],
  ['tsc --watch', undefined],
  ['eslint .', undefined],
  ['postgres -D /var/lib/postgresql', undefined],
];

describe('frameworkFromCommand', () => {
  for (const [command, expected] of CASES) {
    it(`${JSON.stringify(command)} -> ${expected ?? 'nothing'}`, () => {
      assert.equal(frameworkFromCommand(command), expected);
    });
  }

  it('tells SvelteKit, Remix and Express apart by their dependencies', () => {
    assert.equal(refineWithDependencies('vite', new Set(['@sveltejs/kit', 'vite'])), 'sveltekit');
    assert.equal(refineWithDependencies('vite', new Set(['@remix-run/dev'])), 'remix');
    assert.equal(refineWithDependencies('vite', new Set(['react'])), 'vite');
    assert.equal(refineWithDependencies('node', new Set(['express'])), 'express');
    assert.equal(refineWithDependencies('node', new Set()), 'node');
  });
});
