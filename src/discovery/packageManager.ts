// Which package manager runs the scripts: the "packageManager" field wins, then the lockfile, then npm.
import { access } from 'node:fs/promises';
import * as path from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: Array<[string, PackageManagerName]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export async function detectPackageManager(folder: string, packageManagerField?: string): Promise<PackageManagerName> {
  const declared = /^(npm|pnpm|yarn|bun)@/.exec(packageManagerField ?? '')?.[1];
  if (declared) return declared as PackageManagerName;
  for (const [lockfile, manager] of LOCKFILES) {
    const found = await access(path.join(folder, lockfile)).then(
      () => true,
      () => false,
    );
    if (found) return manager;
  }
  return 'npm';
}

export function runScriptCommand(manager: PackageManagerName, script: string): string {
  return `${manager} run ${script}`;
}
