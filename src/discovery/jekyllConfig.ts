// Jekyll's _config.yml may set `port` and `host` for `jekyll serve` (default 4000 on 127.0.0.1).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';

export interface JekyllConfig {
  file: string;
  port?: number;
  host?: string;
}

export function parseJekyllConfig(text: string, file: string): JekyllConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { file };
  }
  const record = doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  const port = Number(record.port);
  return {
    file,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined,
    host: typeof record.host === 'string' ? record.host : undefined,
  };
}

export async function readJekyllConfig(folder: string): Promise<JekyllConfig | undefined> {
  const file = path.join(folder, '_config.yml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseJekyllConfig(text, file);
}
