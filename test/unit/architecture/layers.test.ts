// The layering the code relies on, checked on the import statements themselves: src/shared is plain TypeScript
// (no Node, no DOM), the engine knows nothing of the diagnosis or the editor, only src/extension imports `vscode`,
// the webview reaches into src/ only for src/shared, and no two folders import each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Folder of a file for layering: `src/<top folder>`, or the top folder (`webview`, `media`, `package.json`). */
function layerOf(file: string): string {
  const parts = relative(root, file).split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts[0] === 'src' ? `src/${parts[1].replace(/\.ts$/, '')}` : parts[0];
}

interface Import {
  from: string;
  specifier: string;
  /** The layer a relative import lands in; undefined for packages and `node:` modules. */
  layer?: string;
}

const imports: Import[] = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'webview'))].flatMap((file) =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => {
    return { from: file, specifier, layer: specifier.startsWith('.') ? layerOf(resolve(dirname(file), specifier)) : undefined };
  }),
);

const where = (list: Import[]) => list.map((i) => `${relative(root, i.from)} imports ${i.specifier}`);

test('src/shared imports only src/shared: no Node, no DOM, no package', () => {
  const bad = imports.filter((i) => layerOf(i.from) === 'src/shared' && i.layer !== 'src/shared');
  assert.deepEqual(where(bad), []);
});

test('the engine imports nothing from the diagnosis, the pipeline, the reports or the editor', () => {
  const bad = imports.filter((i) => layerOf(i.from) === 'src/engine' && i.layer !== undefined && !['src/engine', 'src/shared', 'package.json'].includes(i.layer));
  assert.deepEqual(where(bad), []);
});

test('only src/extension imports vscode', () => {
  const bad = imports.filter((i) => i.specifier === 'vscode' && layerOf(i.from) !== 'src/extension');
  assert.deepEqual(where(bad), []);
});

test('the webview reaches into src/ only for src/shared', () => {
  const bad = imports.filter((i) => layerOf(i.from) === 'webview' && i.layer !== undefined && i.layer !== 'webview' && i.layer !== 'src/shared' && i.layer !== 'media');
  assert.deepEqual(where(bad), []);
});

test('no two folders import each other', () => {
  const edges = new Set(imports.filter((i) => i.layer && i.layer !== layerOf(i.from)).map((i) => `${layerOf(i.from)} ${i.layer}`));
  const cycles = [...edges].filter((e) => edges.has(e.split(' ').reverse().join(' '))).sort();
  assert.deepEqual(cycles, []);
});
