// Runs one layer of Node tests, on Node 20 as on later versions (Node 20's test runner does not expand globs, so
// the files are listed here). Usage:
//   node --import tsx scripts/run-tests.mjs --in-process test/unit      pure tests, imported into this one process
//   node scripts/run-tests.mjs test/integration [--concurrency N]       one process per file, N files at a time
// Files named *.serial.test.ts are timing-sensitive (rates, memory): they run after the others, one at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const inProcess = args.includes('--in-process');
const concurrencyArg = args.indexOf('--concurrency');
const concurrency = concurrencyArg >= 0 ? Number(args[concurrencyArg + 1]) : Math.max(2, availableParallelism());
const roots = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--concurrency');
if (roots.length === 0) {
  console.error('usage: run-tests.mjs [--in-process] [--concurrency N] <dir|file>...');
  process.exit(2);
}

function testFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (statSync(join(path, name)).isDirectory() || name.endsWith('.test.ts') ? testFiles(join(path, name)) : []));
}
const files = roots.flatMap(testFiles);
if (files.length === 0) {
  console.error(`no *.test.ts under ${roots.join(', ')}`);
  process.exit(2);
}

if (inProcess) {
  // One process, one TypeScript loader start: ~1 s of start-up instead of ~1 s per file. node:test runs the
  // top-level tests of all files one after another and sets the exit code when one fails.
  for (const file of files) await import(pathToFileURL(resolve(file)).href);
} else {
  const serial = files.filter((f) => f.endsWith('.serial.test.ts'));
  const parallel = files.filter((f) => !serial.includes(f));
  const run = (list, n) =>
    list.length === 0
      ? 0
      : (spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${n}`, '--test-timeout=120000', ...list], { stdio: 'inherit' }).status ?? 1);
  const failedParallel = run(parallel, concurrency);
  const failedSerial = run(serial, 1);
  process.exitCode = failedParallel || failedSerial ? 1 : 0;
}
