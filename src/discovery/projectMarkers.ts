// Dev servers of projects without a package.json (or beside one), recognised by their marker files: Django's
// manage.py, Rails, Jekyll's _config.yml, a Hugo site, a Flask app, a Rack config.ru, PHP's index.php, and a
// folder of static pages.
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DevScript } from './candidate';
import { DEFAULT_PORTS } from './frameworkDefaults';
import { readFlaskApp } from './flaskApp';
import { pythonCommandFor } from './pythonInterpreter';

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

export interface MarkerScript extends DevScript {
  /** Where a configured port was read, said for a person; absent when expectedPort is the tool's default. */
  portFrom?: string;
}

const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'];
const GENERIC_CONFIGS = ['config.toml', 'config.yaml', 'config.yml', 'config.json'];
// `hugo new site` makes these next to config.toml (Hugo < 0.110) or hugo.toml.
const HUGO_FOLDERS = ['archetypes', 'layouts', 'themes'];

async function anyExists(folder: string, names: string[]): Promise<boolean> {
  return (await Promise.all(names.map((n) => exists(path.join(folder, n))))).some(Boolean);
}

async function isHugoSite(folder: string): Promise<boolean> {
  if (await anyExists(folder, HUGO_CONFIGS)) return true;
  return (await anyExists(folder, GENERIC_CONFIGS)) && (await anyExists(folder, HUGO_FOLDERS)) && (await exists(path.join(folder, 'content')));
}

const script = (folder: string, name: string, runCommand: string, framework: string, expectedPort: number | undefined, portFrom?: string): MarkerScript => ({
  name,
  command: runCommand,
  runCommand,
  cwd: folder,
  expectedPort,
  framework,
  ...(portFrom ? { portFrom } : {}),
});

export async function markerScriptsOf(folder: string, options: { jekyllPort?: number; hasManifest?: boolean } = {}): Promise<MarkerScript[]> {
  const scripts: MarkerScript[] = [];
  const at = (file: string) => path.join(folder, file);
  const rails = await exists(at('bin/rails'));
  if (await exists(at('manage.py'))) {
    scripts.push(script(folder, 'runserver', `${await pythonCommandFor(folder)} manage.py runserver`, 'django', DEFAULT_PORTS.django));
  }
  const flask = await readFlaskApp(folder);
  if (flask) {
    const python = await pythonCommandFor(folder);
    const file = path.basename(flask.file);
    if (flask.runsItself) scripts.push(script(folder, file, `${python} ${file}`, 'flask', flask.port ?? DEFAULT_PORTS.flask, flask.portFrom));
    else {
      const app = file === 'app.py' || file === 'wsgi.py' ? '' : ` --app ${file}`;
      const port = flask.port !== undefined ? ` --port ${flask.port}` : '';
      scripts.push(script(folder, 'flask run', `${python} -m flask${app} run${port}`, 'flask', flask.port ?? DEFAULT_PORTS.flask, flask.portFrom));
    }
  }
  if (rails) scripts.push(script(folder, 'rails server', 'bin/rails server', 'rails', DEFAULT_PORTS.rails));
  const gemfile = await readFile(at('Gemfile'), 'utf8').catch(() => undefined);
  // A _config.yml next to a Gemfile without Jekyll belongs to something else.
  const jekyllSite = (await exists(at('_config.yml'))) && (gemfile === undefined || /\bjekyll\b/.test(gemfile));
  if (jekyllSite) {
    const runCommand = gemfile !== undefined ? 'bundle exec jekyll serve' : 'jekyll serve';
    scripts.push(script(folder, 'jekyll serve', runCommand, 'jekyll', options.jekyllPort ?? DEFAULT_PORTS.jekyll, options.jekyllPort !== undefined ? 'port in _config.yml' : undefined));
  }
  if (await isHugoSite(folder)) scripts.push(script(folder, 'hugo server', 'hugo server', 'hugo', DEFAULT_PORTS.hugo));
  if (!rails && (await exists(at('config.ru')))) {
    const runCommand = gemfile !== undefined ? (/\bpuma\b/.test(gemfile) ? 'bundle exec puma' : 'bundle exec rackup') : 'rackup';
    scripts.push(script(folder, 'config.ru', runCommand, 'rack', DEFAULT_PORTS.rack));
  }
  if (await exists(at('artisan'))) scripts.push(script(folder, 'artisan serve', 'php artisan serve', 'laravel', DEFAULT_PORTS.laravel));
  else if (await exists(at('index.php'))) scripts.push(script(folder, 'php -S', `php -S localhost:${DEFAULT_PORTS.php}`, 'php', DEFAULT_PORTS.php));
  else if (await exists(at('public/index.php'))) scripts.push(script(folder, 'php -S', `php -S localhost:${DEFAULT_PORTS.php} -t public`, 'php', DEFAULT_PORTS.php));
  // A folder of static pages and nothing else: Python's file server is on every Debian.
  if (scripts.length === 0 && !options.hasManifest && (await exists(at('index.html')))) {
    scripts.push(script(folder, 'http.server', `python3 -m http.server ${DEFAULT_PORTS['python-http.server']}`, 'python-http.server', DEFAULT_PORTS['python-http.server']));
  }
  return scripts;
}
