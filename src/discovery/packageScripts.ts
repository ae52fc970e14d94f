// Which package.json scripts start a dev server, and on which port they should listen.
import * as path from 'node:path';
import type { DevScript } from './candidate';
import type { PackageManifest } from './packageManifest';
import { detectPackageManager, runScriptCommand } from './packageManager';
import { frameworkFromCommand, refineWithDependencies } from './frameworkFromCommand';
import { portFromCommand } from './portFromCommand';
import { defaultPortFor, READS_PORT_FROM_ENV } from './frameworkDefaults';
import type { ConfigFilePort } from './bundlerConfigPort';
import { readEntryScriptPort } from './entryScriptPort';

/** Best first: `dev` is the usual development server; `start` is sometimes production (next start). */
export const DEV_SCRIPT_NAMES = ['dev', 'develop', 'serve', 'start'];

/** Where the expected port comes from, for the quick pick detail. */
export type PortOrigin = 'command' | 'config-file' | 'dotenv' | 'source' | 'default';

export interface ScriptWithOrigin extends DevScript {
  portOrigin?: PortOrigin;
  portOriginFile?: string;
}

/** `npm run web`, `yarn web`, `pnpm web`: follow to that script (a few levels) to see the real tool. */
function resolveScript(scripts: Record<string, string>, command: string, depth = 0): string {
  const match = /^(?:npm\s+run(?:-script)?|pnpm(?:\s+run)?|yarn(?:\s+run)?|bun\s+run)\s+([\w:.-]+)\s*$/.exec(command.trim());
  const target = match ? scripts[match[1]!] : undefined;
  return target && depth < 3 ? resolveScript(scripts, target, depth + 1) : command;
}

/** Vite's config applies to the frameworks that run on Vite. */
function configPortFor(framework: string | undefined, configPorts: ConfigFilePort[]): ConfigFilePort | undefined {
  const viteBased = new Set(['vite', 'sveltekit', 'remix']);
  return configPorts.find((c) => c.framework === framework || (c.framework === 'vite' && viteBased.has(framework ?? '')));
}

export async function devScriptsOf(
  manifest: PackageManifest,
  configPorts: ConfigFilePort[],
  dotenv: { port: number; file: string } | undefined,
): Promise<ScriptWithOrigin[]> {
  const cwd = path.dirname(manifest.file);
  const manager = await detectPackageManager(cwd, manifest.packageManager);
  const scripts: ScriptWithOrigin[] = [];
  for (const name of DEV_SCRIPT_NAMES) {
    const command = manifest.scripts[name];
    if (!command) continue;
    const effective = resolveScript(manifest.scripts, command);
    const framework = refineWithDependencies(frameworkFromCommand(effective), manifest.dependencies);
    const script: ScriptWithOrigin = { name, command, runCommand: runScriptCommand(manager, name), cwd, framework };
    const fromCommand = portFromCommand(effective);
    const fromConfig = configPortFor(framework, configPorts);
    const fromEnv = framework && READS_PORT_FROM_ENV.has(framework) ? dotenv : undefined;
    let fromSource: { port: number; file: string } | undefined;
    if (fromCommand !== undefined) Object.assign(script, { expectedPort: fromCommand, portOrigin: 'command' });
    else if (fromConfig) Object.assign(script, { expectedPort: fromConfig.port, portOrigin: 'config-file', portOriginFile: fromConfig.file });
    else if (fromEnv) Object.assign(script, { expectedPort: fromEnv.port, portOrigin: 'dotenv', portOriginFile: fromEnv.file });
    else if (framework && READS_PORT_FROM_ENV.has(framework) && (fromSource = await readEntryScriptPort(cwd, effective))) {
      Object.assign(script, { expectedPort: fromSource.port, portOrigin: 'source', portOriginFile: fromSource.file });
    } else if (defaultPortFor(framework) !== undefined) Object.assign(script, { expectedPort: defaultPortFor(framework), portOrigin: 'default' });
    scripts.push(script);
  }
  return scripts;
}
