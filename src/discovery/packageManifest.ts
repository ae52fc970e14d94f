// The parts of a package.json that discovery uses. A missing or broken file reads as undefined.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface PackageManifest {
  file: string;
  scripts: Record<string, string>;
  dependencies: Set<string>;
  /** The "packageManager" field, e.g. "pnpm@9.1.0". */
  packageManager?: string;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export async function readPackageManifest(folder: string): Promise<PackageManifest | undefined> {
  const file = path.join(folder, 'package.json');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const dependencies = new Set([
    ...Object.keys(stringRecord(json.dependencies)),
    ...Object.keys(stringRecord(json.devDependencies)),
  ]);
  return {
    file,
    scripts: stringRecord(json.scripts),
    dependencies,
    packageManager: typeof json.packageManager === 'string' ? json.packageManager : undefined,
  };
}
