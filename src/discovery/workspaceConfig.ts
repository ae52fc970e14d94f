// Everything a workspace folder says about its dev server without running anything: the scripts that start one
// and the ports they should use.
import * as path from 'node:path';
import type { DevScript } from './candidate';
import { readPackageManifest } from './packageManifest';
import { devScriptsOf, type ScriptWithOrigin } from './packageScripts';
import { markerScriptsOf } from './projectMarkers';
import { readConfigFilePorts } from './bundlerConfigPort';
import { readDotenvPort, DOTENV_FILES } from './dotenvPort';
import { readLaunchJsonUrls } from './launchJsonUrls';
import { readJekyllConfig } from './jekyllConfig';
import { defaultPort } from '../engine/loopbackTarget';

export interface ConfiguredPort {
  port: number;
  source: 'configured' | 'default-port';
  /** Where it was read, said for a person: `package.json script "dev" (vite --port 3001)`. */
  origin: string;
  folder: string;
  framework?: string;
  /** Set for launch.json URLs, which carry host, scheme and path. */
  url?: string;
}

export interface WorkspaceConfig {
  scripts: DevScript[];
  ports: ConfiguredPort[];
  lookedAt: string[];
}

function scriptPort(script: ScriptWithOrigin, folder: string): ConfiguredPort | undefined {
  if (script.expectedPort === undefined) return undefined;
  const base = `package.json script "${script.name}" (${script.command})`;
  const origins: Record<string, string> = {
    command: base,
    'config-file': `${path.basename(script.portOriginFile ?? '')} for ${base}`,
    dotenv: `PORT in ${path.basename(script.portOriginFile ?? '.env')} for ${base}`,
    source: `port in ${path.basename(script.portOriginFile ?? '')} for ${base}`,
    default: `${script.framework} default port for ${base}`,
  };
  return {
    port: script.expectedPort,
    source: script.portOrigin === 'default' ? 'default-port' : 'configured',
    origin: origins[script.portOrigin ?? 'default']!,
    folder,
    framework: script.framework,
  };
}

export async function readWorkspaceConfig(folder: string): Promise<WorkspaceConfig> {
  const lookedAt: string[] = [];
  const ports: ConfiguredPort[] = [];
  const manifest = await readPackageManifest(folder);
  const configFiles = await readConfigFilePorts(folder);
  const dotenv = await readDotenvPort(folder);
  const launchUrls = await readLaunchJsonUrls(folder);
  const jekyll = await readJekyllConfig(folder);
  lookedAt.push(
    path.join(folder, 'package.json') + (manifest ? ' (scripts dev, develop, serve, start)' : ' (none)'),
    ...configFiles.filesRead,
    `${folder}/{${DOTENV_FILES.join(',')}} PORT`,
    path.join(folder, '.vscode', 'launch.json'),
  );
  if (jekyll) lookedAt.push(jekyll.file);

  const scripts: DevScript[] = [];
  // Files already named in a script's origin are not listed again on their own.
  const usedFiles = new Set<string>();
  if (manifest) {
    for (const script of await devScriptsOf(manifest, configFiles.ports, dotenv)) {
      if (script.portOriginFile) usedFiles.add(script.portOriginFile);
      const { portOrigin: _origin, portOriginFile: _file, ...plain } = script;
      scripts.push(plain);
      const port = scriptPort(script, folder);
      if (port) ports.push(port);
    }
  }
  for (const { portFrom, ...script } of await markerScriptsOf(folder, { jekyllPort: jekyll?.port, hasManifest: manifest !== undefined })) {
    scripts.push(script);
    if (script.expectedPort === undefined) continue;
    ports.push({
      port: script.expectedPort,
      source: portFrom ? 'configured' : 'default-port',
      origin: portFrom ?? `${script.framework} default port (${script.runCommand})`,
      folder,
      framework: script.framework,
    });
  }
  for (const config of configFiles.ports) {
    if (usedFiles.has(config.file)) continue;
    ports.push({ port: config.port, source: 'configured', origin: `port in ${path.basename(config.file)}`, folder, framework: config.framework });
  }
  if (dotenv && !usedFiles.has(dotenv.file)) ports.push({ port: dotenv.port, source: 'configured', origin: `PORT in ${path.basename(dotenv.file)}`, folder });
  for (const launch of launchUrls) {
    const port = defaultPort(new URL(launch.url));
    const name = launch.configurationName ? ` "${launch.configurationName}"` : '';
    ports.push({ port, source: 'configured', origin: `launch.json${name} url`, folder, url: launch.url });
  }
  return { scripts, ports, lookedAt };
}
