// A private network namespace per test, so the kernel counters and sysctls are the test's own. Always deleted.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, KernelReport } from '../../src/shared/findings';
import type { RunResult } from '../../src/shared/result';

/** Why the kernel tests cannot run here, or undefined when they can. */
export function kernelTestSkipReason(): string | undefined {
  if (process.platform !== 'linux') return 'kernel tests need Linux';
  if (process.getuid?.() !== 0) return 'kernel tests need root (ip netns add)';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
  } catch {
    return 'ip netns is not available (install iproute2)';
  }
  if (!existsSync(join(__dirname, '../../src/engine/generateLoad.ts'))) return 'src/engine/generateLoad.ts is missing';
  return undefined;
}

export async function withNetns<T>(sysctls: Record<string, string | number>, body: (ns: string) => Promise<T>): Promise<T> {
  const ns = `ltl-${randomBytes(4).toString('hex')}`;
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    for (const [k, v] of Object.entries(sysctls)) execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', `${k}=${v}`]);
    return await body(ns);
  } finally {
    execFileSync('ip', ['netns', 'delete', ns]);
  }
}

/** What test/kernel/scenario.ts prints: the findings before the load, and the diagnosed result. */
export interface ScenarioOutput {
  preflight: Finding[];
  result: RunResult & { kernel: KernelReport };
}

/**
 * Runs a TypeScript script inside the namespace with one JSON argument; resolves with the JSON of its last stdout
 * line. Killed after `timeoutMs` at the latest. The cwd is the repository, where `--import tsx` resolves.
 */
export function runJsonScriptInNetns<T>(ns: string, script: string, args: unknown, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, JSON.stringify(args)], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${script} exited ${code}: ${err.slice(-3000)}`));
      resolve(JSON.parse(line) as T);
    });
  });
}

/** Runs test/kernel/scenario.ts inside the namespace, killed after `timeoutMs` at the latest. */
export function runScenario(ns: string, args: Record<string, unknown>, timeoutMs = 20_000): Promise<ScenarioOutput> {
  return runJsonScriptInNetns<ScenarioOutput>(ns, join(__dirname, 'scenario.ts'), args, timeoutMs);
}
