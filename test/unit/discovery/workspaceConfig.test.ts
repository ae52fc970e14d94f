// What each kind of configuration file says, read from the fixture workspaces.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readWorkspaceConfig } from '../../../src/discovery/workspaceConfig';
import { parseLaunchJsonUrls } from '../../../src/discovery/launchJsonUrls';
import { parseJekyllConfig } from '../../../src/discovery/jekyllConfig';
import { portInConfigText } from '../../../src/discovery/bundlerConfigPort';

const fixture = (name: string) => path.resolve(__dirname, '../../fixtures/workspaces', `discovery-${name}`);
/** What a fixture workspace yields: its scripts as [run command, framework, expected port], and its ports. */
async function scriptsAndPorts(name: string) {
  const config = await readWorkspaceConfig(fixture(name));
  return {
    scripts: config.scripts.map((s) => [s.runCommand, s.framework, s.expectedPort]),
    ports: config.ports.map((p) => ({ port: p.port, source: p.source, framework: p.framework })),
  };
}

describe('workspace configuration', () => {
  it('vite: port from vite.config, not the commented-out one; pnpm from the lockfile', async () => {
    const config = await readWorkspaceConfig(fixture('vite'));
    assert.deepEqual(config.scripts, [
      { name: 'dev', command: 'vite', runCommand: 'pnpm run dev', cwd: fixture('vite'), framework: 'vite', expectedPort: 5180 },
    ]);
    assert.ok(config.ports.every((p) => p.port === 5180 && p.source === 'configured'));
    assert.ok(config.lookedAt.some((f) => f.endsWith('vite.config.mjs')));
  });

  it('next: -p in the dev script, default port for next start, npm from package-lock', async () => {
    assert.deepEqual(await scriptsAndPorts('next'), {
      scripts: [
        ['npm run dev', 'next', 3005],
        ['npm run start', 'next', 3000],
      ],
      ports: [
        { port: 3005, source: 'configured', framework: 'next' },
        { port: 3000, source: 'default-port', framework: 'next' },
      ],
    });
  });

  it('create-react-app: PORT from .env moves react-scripts; yarn from the lockfile', async () => {
    const config = await readWorkspaceConfig(fixture('cra'));
    assert.deepEqual(config.scripts.map((s) => [s.runCommand, s.framework, s.expectedPort]), [['yarn run start', 'react-scripts', 3107]]);
    assert.ok(config.ports.some((p) => p.port === 3107 && p.origin.includes('.env')));
  });

  it('jekyll: port from _config.yml, bundle exec because of the Gemfile', async () => {
    assert.deepEqual(await scriptsAndPorts('jekyll'), {
      scripts: [['bundle exec jekyll serve', 'jekyll', 4005]],
      ports: [{ port: 4005, source: 'configured', framework: 'jekyll' }],
    });
  });

  it('launch.json (JSONC): URLs with comments and trailing commas; variables skipped; non-loopback kept', async () => {
    const config = await readWorkspaceConfig(fixture('launch'));
    assert.deepEqual(
      config.ports.map((p) => [p.port, p.url]),
      [
        [8123, 'http://localhost:8123/app'],
        [8443, 'https://staging.example.test:8443/'],
      ],
    );
    assert.deepEqual(config.scripts, []);
  });

  it('django: manage.py -> runserver on 8000 with python3 (Debian has no `python`)', async () => {
    assert.deepEqual(await scriptsAndPorts('django'), {
      scripts: [['python3 manage.py runserver', 'django', 8000]],
      ports: [{ port: 8000, source: 'default-port', framework: 'django' }],
    });
  });

  it("django: the workspace venv's interpreter", async () => {
    assert.deepEqual((await scriptsAndPorts('django-venv')).scripts, [['.venv/bin/python manage.py runserver', 'django', 8000]]);
  });

  it('django: the VS Code Python interpreter setting, when its file exists, before the venv', async () => {
    assert.deepEqual((await scriptsAndPorts('django-setting')).scripts, [['env/bin/python3 manage.py runserver', 'django', 8000]]);
  });

  it('hugo: a site made by `hugo new site` (config.toml beside archetypes/, content/) -> hugo server on 1313', async () => {
    assert.deepEqual(await scriptsAndPorts('hugo'), {
      scripts: [['hugo server', 'hugo', 1313]],
      ports: [{ port: 1313, source: 'default-port', framework: 'hugo' }],
    });
  });

  it('flask: app.py with Flask(__name__) -> flask run on 5000; FLASK_RUN_PORT; app.run(port=...)', async () => {
    assert.deepEqual((await scriptsAndPorts('flask')).scripts, [['python3 -m flask run', 'flask', 5000]]);
    const env = await readWorkspaceConfig(fixture('flask-env'));
    assert.deepEqual(env.scripts.map((s) => [s.runCommand, s.expectedPort]), [['python3 -m flask run --port 5055', 5055]]);
    assert.deepEqual(env.ports.map((p) => [p.port, p.source, p.origin]), [[5055, 'configured', 'FLASK_RUN_PORT in .flaskenv']]);
    const main = await readWorkspaceConfig(fixture('flask-main'));
    assert.deepEqual(main.scripts.map((s) => [s.runCommand, s.expectedPort]), [['python3 app.py', 5077]]);
    assert.equal(main.ports[0]?.origin, 'app.run(port=5077) in app.py');
  });

  it('express and fastify: the port written in the server file the dev script runs', async () => {
    const express = await readWorkspaceConfig(fixture('express-literal'));
    assert.deepEqual(express.scripts.map((s) => [s.runCommand, s.framework, s.expectedPort]), [['npm run dev', 'express', 3000]]);
    assert.match(express.ports[0]?.origin ?? '', /^port in server\.js for package\.json script "dev"/);
    const fastify = await readWorkspaceConfig(fixture('fastify'));
    assert.deepEqual(fastify.scripts.map((s) => [s.runCommand, s.framework, s.expectedPort]), [['npm run start', 'fastify', 3100]]);
  });

  it('a stopped Rack app (config.ru), a PHP folder, a folder of static pages', async () => {
    assert.deepEqual((await scriptsAndPorts('rack')).scripts, [['rackup', 'rack', 9292]]);
    assert.deepEqual((await scriptsAndPorts('php')).scripts, [['php -S localhost:8000', 'php', 8000]]);
    assert.deepEqual((await scriptsAndPorts('static')).scripts, [['python3 -m http.server 8000', 'python-http.server', 8000]]);
  });

  it('sveltekit: recognised through @sveltejs/kit; bun from the packageManager field', async () => {
    assert.deepEqual(await scriptsAndPorts('sveltekit'), {
      scripts: [['bun run dev', 'sveltekit', 5173]],
      ports: [{ port: 5173, source: 'default-port', framework: 'sveltekit' }],
    });
  });

  it('angular: port from angular.json', async () => {
    const config = await readWorkspaceConfig(fixture('angular'));
    assert.deepEqual(config.scripts.map((s) => [s.name, s.framework, s.expectedPort]), [['start', 'angular', 4300]]);
  });

  it('express: follows `npm run api` to nodemon, PORT from a quoted .env value', async () => {
    const config = await readWorkspaceConfig(fixture('express'));
    assert.deepEqual(config.scripts.map((s) => [s.name, s.command, s.framework, s.expectedPort]), [['dev', 'npm run api', 'express', 4567]]);
  });

  it('an empty workspace says nothing, but lists what it looked at', async () => {
    const config = await readWorkspaceConfig(fixture('empty'));
    assert.deepEqual(config.scripts, []);
    assert.deepEqual(config.ports, []);
    assert.ok(config.lookedAt.some((l) => l.includes('package.json (none)')));
    assert.ok(config.lookedAt.some((l) => l.includes('launch.json')));
  });
});

describe('config file parsers', () => {
  it('reads a literal port in server / devServer blocks only', () => {
    assert.equal(portInConfigText('export default { server: { port: 3333 } }', 'vite'), 3333);
    assert.equal(portInConfigText('export default defineNuxtConfig({ devServer: { host: "0", port: 3334 } })', 'nuxt'), 3334);
    assert.equal(portInConfigText('const port = 4000; export default { preview: { port: 4444 } }', 'vite'), undefined);
    assert.equal(portInConfigText('export default { server: { port: process.env.PORT } }', 'vite'), undefined);
    assert.equal(portInConfigText('/* server: { port: 1111 } */ export default {}', 'vite'), undefined);
  });

  it('launch.json: ignores non-http URLs and broken files', () => {
    assert.deepEqual(parseLaunchJsonUrls('{"configurations":[{"url":"file:///x.html"}]}', 'f'), []);
    assert.deepEqual(parseLaunchJsonUrls('{ not json', 'f'), []);
  });

  it('_config.yml: ignores a port that is not a number, survives broken YAML', () => {
    assert.equal(parseJekyllConfig('port: abc\n', 'f').port, undefined);
    assert.equal(parseJekyllConfig('port: 4001\n', 'f').port, 4001);
    assert.equal(parseJekyllConfig('port: [\n', 'f').port, undefined);
  });
});
