// URLs in .vscode/launch.json (browser debug configurations: `"url": "http://localhost:5173"`). The file is
// JSONC (comments, trailing commas), hence jsonc-parser. URLs with ${...} variables cannot be resolved here.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';

export interface LaunchUrl {
  url: string;
  configurationName?: string;
  file: string;
}

export function parseLaunchJsonUrls(text: string, file: string): LaunchUrl[] {
  const errors: ParseError[] = [];
  const json = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  const configurations = (json as { configurations?: unknown } | undefined)?.configurations;
  if (!Array.isArray(configurations)) return [];
  const urls: LaunchUrl[] = [];
  for (const configuration of configurations as Array<Record<string, unknown>>) {
    const url = configuration?.url;
    if (typeof url !== 'string' || url.includes('${')) continue;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
    } catch {
      continue;
    }
    const name = typeof configuration.name === 'string' ? configuration.name : undefined;
    urls.push({ url, configurationName: name, file });
  }
  return urls;
}

export async function readLaunchJsonUrls(folder: string): Promise<LaunchUrl[]> {
  const file = path.join(folder, '.vscode', 'launch.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? [] : parseLaunchJsonUrls(text, file);
}
