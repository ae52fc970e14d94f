// One build for every bundle: the extension host, the CLI, the load worker, the webview, and the test/bench entries.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
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

/** Node bundles: name in out/ -> source. Entries whose source does not exist yet are skipped. */
const nodeEntries = {
  extension: 'src/extension/extension.ts',
  cli: 'src/cli/cliEntry.ts',
  loadWorker: 'src/engine/loadWorker.ts',
  kernelSamplerWorker: 'src/diagnosis/kernelSamplerWorker.ts',
  demo: 'scripts/demo.ts',
  sampleDevServer: 'scripts/sampleDevServer.ts',
  bench: 'bench/main.ts',
  'test/vscode/index': 'test/vscode/index.ts',
  ...vscodeSuiteEntries(),
};

/** Each extension-host suite file becomes out/test/vscode/suite/<name>.test.js; test/vscode/index.ts finds them. */
function vscodeSuiteEntries() {
  const dir = 'test/vscode/suite';
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  return Object.fromEntries(files.map((f) => [`${dir}/${f.slice(0, -'.ts'.length)}`, `${dir}/${f}`]));
}

const webviewEntries = {
  webview: 'webview/main.ts',
};

function present(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(src)));
}

const builds = [
  { ...nodeCommon, entryPoints: present(nodeEntries) },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    outdir: 'out',
    entryPoints: present(webviewEntries),
    loader: { '.css': 'css' },
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes...');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
