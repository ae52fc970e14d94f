// Dev servers of projects without a package.json, recognised by their marker files.
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DevScript } from './candidate';
import { DEFAULT_PORTS } from './frameworkDefaults';

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

export async function markerScriptsOf(folder: string, jekyllPort?: number): Promise<DevScript[]> {
  const scripts: DevScript[] = [];
  const at = (file: string) => path.join(folder, file);
  if (await exists(at('manage.py'))) {
    scripts.push({ name: 'runserver', command: 'python manage.py runserver', runCommand: 'python manage.py runserver', cwd: folder, expectedPort: DEFAULT_PORTS.django, framework: 'django' });
  }
  if (await exists(at('bin/rails'))) {
    scripts.push({ name: 'rails server', command: 'bin/rails server', runCommand: 'bin/rails server', cwd: folder, expectedPort: DEFAULT_PORTS.rails, framework: 'rails' });
  }
  const gemfile = await readFile(at('Gemfile'), 'utf8').catch(() => undefined);
  // A _config.yml next to a Gemfile without Jekyll belongs to something else.
  const jekyllSite = (await exists(at('_config.yml'))) && (gemfile === undefined || /\bjekyll\b/.test(gemfile));
  if (jekyllSite) {
    const runCommand = gemfile !== undefined ? 'bundle exec jekyll serve' : 'jekyll serve';
    scripts.push({ name: 'jekyll serve', command: runCommand, runCommand, cwd: folder, expectedPort: jekyllPort ?? DEFAULT_PORTS.jekyll, framework: 'jekyll' });
  }
  const hugoConfigs = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'];
  const hugo = (await Promise.all(hugoConfigs.map((f) => exists(at(f))))).some(Boolean);
  if (hugo) {
    scripts.push({ name: 'hugo server', command: 'hugo server', runCommand: 'hugo server', cwd: folder, expectedPort: DEFAULT_PORTS.hugo, framework: 'hugo' });
  }
  return scripts;
}
