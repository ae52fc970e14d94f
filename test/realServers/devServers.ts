// The real dev servers of the suite, each with a project made the way its users make one, the command that
// serves it, and what discovery and the advice must say about it. Debian packages (scripts/install-test-deps.sh):
// python3, python3-flask, python3-django, php-cli, hugo, jekyll; npm devDependencies: vite, express.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Fix } from '../../src/shared/findings';

/** Debian's interpreter: a python3 earlier on PATH (pyenv, a venv) may lack Debian's Flask and Django. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NODE_MODULES = join(dirname(require.resolve('vite/package.json')), '..');

export interface DevServer {
  name: string;
  /** Executables it needs; the test is skipped (with the reason) when one is missing. */
  needs: string[];
  /** Makes the project in an empty folder. */
  make(folder: string): void;
  command(folder: string): string[];
  port: number;
  /** What discovery calls it while it runs, and the accept-queue capacity ss shows with the namespace's sysctls. */
  framework: string;
  /** What discovery offers to start while it is stopped. */
  stopped: { runCommand: string; framework: string; port: number };
  /** Sysctls of the overflow run's namespace, and its concurrency. */
  sysctls: Record<string, number>;
  connections: number;
  /** The accept queue of that run (ss Send-Q) and how the finding names the limit. */
  capacity: number;
  limit: RegExp;
  /** The fixes, in the server's own terms. */
  fix: { snippet?: RegExp; title?: RegExp; onlySysctl?: boolean };
  /**
   * Applies the code fix as a user would paste it (the snippet verbatim); the suite then starts the server again
   * with somaxconn 4096 and reads the backlog back with ss.
   */
  applyFix?(folder: string, fix: Fix): void;
  /** After the fix: a path that must still answer 200 (what the fix could break). */
  stillServes?: string;
  language: 'node' | 'python' | 'php' | 'go' | 'ruby';
}

function write(folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
}

/** A Node project resolves vite and express from the repository's own node_modules. */
function linkNodeModules(folder: string): void {
  symlinkSync(NODE_MODULES, join(folder, 'node_modules'));
}

const SOMAXCONN_SMALL = { 'net.core.somaxconn': 8 };
/** A server that already passes >= 4096 (PHP, Jekyll) or somaxconn itself (Hugo): somaxconn 8 is the limit, its raise the fix. */
const SOMAXCONN_8_ONLY_SYSCTL = {
  sysctls: SOMAXCONN_SMALL,
  capacity: 8,
  limit: /The limit is net\.core\.somaxconn \(8\)/,
  fix: { onlySysctl: true },
};

export const DEV_SERVERS: DevServer[] = [
  {
    name: 'python3 -m http.server',
    needs: [PYTHON],
    make: (f) => write(f, { 'index.html': '<!doctype html><title>static</title><p>ok</p>\n' }),
    command: () => [PYTHON, '-m', 'http.server', '8000', '--bind', '127.0.0.1'],
    port: 8000,
    framework: 'python-http.server',
    stopped: { runCommand: 'python3 -m http.server 8000', framework: 'python-http.server', port: 8000 },
    sysctls: {},
    connections: 60,
    capacity: 5,
    limit: /listen\(\) backlog argument \(5\)/,
    fix: { snippet: /class Server\(ThreadingHTTPServer\):\n {4}request_queue_size = 4096\nServer\(\("127\.0\.0\.1", 8000\)/ },
    language: 'python',
  },
  {
    name: 'Flask 2.2 (flask run)',
    needs: [PYTHON],
    make: (f) => write(f, { 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "ok"\n' }),
    command: () => [PYTHON, '-m', 'flask', 'run', '--port', '5000'],
    port: 5000,
    framework: 'flask',
    stopped: { runCommand: 'python3 -m flask run', framework: 'flask', port: 5000 },
    sysctls: { 'net.core.somaxconn': 32 },
    connections: 120,
    capacity: 32,
    limit: /The limit is net\.core\.somaxconn \(32\)/,
    fix: { snippet: /^import werkzeug\.serving {2}# at the top of app\.py[\s\S]*LISTEN_QUEUE = 4096[\s\S]*request_queue_size = 4096/ },
    // At the top of app.py, as the snippet says.
    applyFix: (f, fix) => writeFileSync(join(f, 'app.py'), `${fix.snippet}\n${readFileSync(join(f, 'app.py'), 'utf8')}`),
    language: 'python',
  },
  {
    name: 'Django 3.2 runserver',
    needs: [PYTHON],
    make: (f) => execFileSync(PYTHON, ['-m', 'django', 'startproject', 'mysite', f], { stdio: 'ignore' }),
    command: () => [PYTHON, 'manage.py', 'runserver', '127.0.0.1:8000', '--noreload'],
    port: 8000,
    framework: 'django',
    stopped: { runCommand: 'python3 manage.py runserver', framework: 'django', port: 8000 },
    sysctls: {},
    connections: 60,
    capacity: 10,
    limit: /listen\(\) backlog argument \(10\)/,
    fix: { snippet: /^# mysite\/management\/commands\/runserver\.py[\s\S]*request_queue_size = 4096[\s\S]*server_cls = Server/ },
    // The file the snippet's first line names, and the project first in INSTALLED_APPS, as its detail says.
    applyFix: (f, fix) => {
      const commands = join(f, 'mysite', 'management', 'commands');
      mkdirSync(commands, { recursive: true });
      writeFileSync(join(commands, 'runserver.py'), fix.snippet!);
      const settings = join(f, 'mysite', 'settings.py');
      writeFileSync(settings, readFileSync(settings, 'utf8').replace('INSTALLED_APPS = [', "INSTALLED_APPS = [\n    'mysite',"));
    },
    // runserver serves static files in DEBUG through django.contrib.staticfiles' own runserver, which the fix extends.
    stillServes: '/static/admin/css/base.css',
    language: 'python',
  },
  {
    name: 'PHP 8.2 php -S',
    needs: ['php'],
    make: (f) => write(f, { 'index.php': '<?php echo "ok";\n' }),
    command: () => ['php', '-S', '127.0.0.1:8000'],
    port: 8000,
    framework: 'php',
    stopped: { runCommand: 'php -S localhost:8000', framework: 'php', port: 8000 },
    ...SOMAXCONN_8_ONLY_SYSCTL,
    connections: 100,
    language: 'php',
  },
  {
    name: 'Hugo 0.111 (hugo server)',
    needs: ['hugo'],
    make: (f) => {
      execFileSync('hugo', ['new', 'site', f, '--force'], { stdio: 'ignore' });
      write(f, { 'layouts/index.html': '<!doctype html><title>{{ .Site.Title }}</title><p>ok</p>\n' });
    },
    command: () => ['hugo', 'server', '--port', '1313', '--bind', '127.0.0.1', '--watch=false'],
    port: 1313,
    framework: 'hugo',
    stopped: { runCommand: 'hugo server', framework: 'hugo', port: 1313 },
    ...SOMAXCONN_8_ONLY_SYSCTL,
    connections: 200,
    language: 'go',
  },
  {
    name: 'Jekyll 4.3 (jekyll serve)',
    needs: ['jekyll'],
    make: (f) => write(f, { '_config.yml': 'title: fixture\n', 'index.html': '---\n---\n<!doctype html><title>{{ site.title }}</title><p>ok</p>\n' }),
    command: () => ['jekyll', 'serve', '--port', '4000', '--host', '127.0.0.1', '--no-watch'],
    port: 4000,
    framework: 'jekyll',
    stopped: { runCommand: 'jekyll serve', framework: 'jekyll', port: 4000 },
    ...SOMAXCONN_8_ONLY_SYSCTL,
    connections: 100,
    language: 'ruby',
  },
  {
    name: 'Vite 8 (vite dev)',
    needs: [],
    make: (f) => {
      write(f, {
        'package.json': JSON.stringify({ name: 'vite-fixture', private: true, type: 'module', scripts: { dev: 'vite' }, devDependencies: { vite: '8.4.0' } }, null, 2),
        'index.html': '<!doctype html><title>vite</title><p>ok</p>\n',
      });
      linkNodeModules(f);
    },
    command: (f) => [process.execPath, join(f, 'node_modules/vite/bin/vite.js'), '--port', '5173', '--strictPort', '--host', '127.0.0.1'],
    port: 5173,
    framework: 'vite',
    stopped: { runCommand: 'npm run dev', framework: 'vite', port: 5173 },
    sysctls: SOMAXCONN_SMALL,
    connections: 300,
    capacity: 8,
    limit: /The limit is net\.core\.somaxconn \(8\)/,
    fix: { title: /Vite has no backlog option/, snippet: /configureServer\(server\)[\s\S]*backlog: 4096/ },
    language: 'node',
  },
  {
    name: 'Express 5 (node server.js, backlog 8 in the code)',
    needs: [],
    make: (f) => {
      write(f, {
        'package.json': JSON.stringify({ name: 'express-fixture', private: true, scripts: { dev: 'node server.js' }, dependencies: { express: '5.3.0' } }, null, 2),
        'server.js':
          "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\n" +
          "const port = process.env.PORT || 3000;\napp.listen(port, '127.0.0.1', 8, () => console.log(`listening on ${port}`));\n",
      });
      linkNodeModules(f);
    },
    command: () => [process.execPath, 'server.js'],
    port: 3000,
    framework: 'express',
    stopped: { runCommand: 'npm run dev', framework: 'express', port: 3000 },
    sysctls: {},
    connections: 60,
    capacity: 8,
    limit: /listen\(\) backlog argument \(8\)/,
    fix: { title: /Raise the backlog in server\.js:5/, snippet: /^app\.listen\(port, '127\.0\.0\.1', 4096, \(\) => console\.log\(`listening on \$\{port\}`\)\);$/ },
    language: 'node',
  },
];
