// One build for every bundle. `--production`: only what ships (extension host, CLI, load worker, webview),
// minified. `--extras`: only the test, bench and demo bundles. No flag: both, with source maps. `--watch` rebuilds.
// An entry whose source is missing fails the build: a renamed file must not leave a stale bundle in out/.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const extrasOnly = process.argv.includes('--extras');
const watch = process.argv.includes('--watch');

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  outdir: 'out',
  // `vscode` is provided by the extension host at run time. `mocha` is only used by the extension-host test
  // bundles, which run from the repo and resolve it from node_modules (bundling it breaks its dynamic requires).
  external: ['vscode', 'mocha'],
  // Prefer a package's ESM build: some (jsonc-parser) point `main` at a UMD file whose `require('./impl/...')`
  // esbuild cannot follow, which fails at run time with "Cannot find module './impl/format'".
  mainFields: ['module', 'main'],
};

/** What ships: name in out/ -> source. */
const runtimeEntries = {
  extension: 'src/extension/extension.ts',
  cli: 'src/cli/cliEntry.ts',
  loadWorker: 'src/engine/loadWorker.ts',
  kernelSamplerWorker: 'src/diagnosis/kernelSamplerWorker.ts',
};

/** Built for development only (npm test, npm run bench, npm run demo), never minified, never in the .vsix. */
const extraEntries = {
  demo: 'scripts/demo.ts',
  sampleDevServer: 'scripts/sampleDevServer.ts',
  bench: 'bench/main.ts',
  nodeFloorClient: 'bench/nodeFloorClient.ts',
  'test/vscode/index': 'test/vscode/index.ts',
  ...vscodeSuiteEntries(),
};

/** Each extension-host suite file becomes out/test/vscode/suite/<name>.test.js; test/vscode/index.ts finds them. */
function vscodeSuiteEntries() {
  const dir = 'test/vscode/suite';
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  return Object.fromEntries(files.map((f) => [`${dir}/${f.slice(0, -'.ts'.length)}`, `${dir}/${f}`]));
}

function checked(entries) {
  const missing = Object.values(entries).filter((src) => !existsSync(src));
  if (missing.length > 0) {
    console.error(`esbuild.mjs: entry source missing: ${missing.join(', ')}`);
    process.exit(1);
  }
  return entries;
}

const webview = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  outdir: 'out',
  entryPoints: checked({ webview: 'webview/main.ts' }),
  loader: { '.css': 'css' },
};

const builds = [];
if (!extrasOnly) builds.push({ ...nodeCommon, entryPoints: checked(runtimeEntries) }, webview);
if (!production) builds.push({ ...nodeCommon, sourcemap: true, minify: false, entryPoints: checked(extraEntries) });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes...');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
