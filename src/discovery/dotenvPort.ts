// PORT from the .env files that dev tools load, most specific first (the order CRA and Vite use).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'dotenv';

export const DOTENV_FILES = ['.env.development.local', '.env.local', '.env.development', '.env'];

export async function readDotenvPort(folder: string): Promise<{ port: number; file: string } | undefined> {
  for (const name of DOTENV_FILES) {
    const file = path.join(folder, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const value = parse(text).PORT?.trim();
    if (value && /^\d{1,5}$/.test(value) && Number(value) > 0 && Number(value) < 65536) {
      return { port: Number(value), file };
    }
  }
  return undefined;
}
