// A port written literally in a framework config file. These files are code, so this is a plain text match,
// not evaluation. Limits: only a number literal in a `server: { ... port: N }` block (Vite, Astro, SvelteKit via
// vite.config) or `devServer: { port: N }` (Nuxt, webpack); `port: process.env.PORT ?? 3000`, spread objects,
// a nested object before `port` in the block, or a port set in another imported file are not seen. Next.js has
// no port option, so next.config.* rarely yields anything. angular.json is JSON and read properly.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';

export interface ConfigFilePort {
  file: string;
  framework: string;
  port: number;
}

const EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'];
const CONFIG_FILES: Array<[string, string]> = [
  ['vite.config', 'vite'],
  ['astro.config', 'astro'],
  ['nuxt.config', 'nuxt'],
  ['next.config', 'next'],
  ['webpack.config', 'webpack-dev-server'],
];

// server: { host: true, port: 5180 }  /  devServer: { port: 8081 }; no nested braces between.
const BLOCK_PORT = /\b(?:server|devServer)\s*:\s*\{[^{}]*?\bport\s*:\s*(\d{1,5})\b/;
// next.config rarely has a block; accept any `port: N` there.
const ANY_PORT = /\bport\s*[:=]\s*(\d{1,5})\b/;

export function portInConfigText(text: string, framework: string): number | undefined {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const match = BLOCK_PORT.exec(withoutComments) ?? (framework === 'next' ? ANY_PORT.exec(withoutComments) : null);
  const port = match ? Number(match[1]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}

export function portInAngularJson(text: string): number | undefined {
  const json = parse(text) as { projects?: Record<string, { architect?: { serve?: { options?: { port?: unknown } } } }> };
  for (const project of Object.values(json?.projects ?? {})) {
    const port = project?.architect?.serve?.options?.port;
    if (typeof port === 'number') return port;
  }
  return undefined;
}

export async function readConfigFilePorts(folder: string): Promise<{ ports: ConfigFilePort[]; filesRead: string[] }> {
  const ports: ConfigFilePort[] = [];
  const filesRead: string[] = [];
  for (const [base, framework] of CONFIG_FILES) {
    for (const extension of EXTENSIONS) {
      const file = path.join(folder, `${base}.${extension}`);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      filesRead.push(file);
      const port = portInConfigText(text, framework);
      if (port !== undefined) ports.push({ file, framework, port });
    }
  }
  const angularFile = path.join(folder, 'angular.json');
  const angular = await readFile(angularFile, 'utf8').catch(() => undefined);
  if (angular !== undefined) {
    filesRead.push(angularFile);
    const port = portInAngularJson(angular);
    if (port !== undefined) ports.push({ file: angularFile, framework: 'angular', port });
  }
  return { ports, filesRead };
}
