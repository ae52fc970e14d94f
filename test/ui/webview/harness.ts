// Shared set-up for the webview browser tests: build the bundle, serve the panel page exactly as renderPanelHtml
// makes it (same CSP) with a stub of the VS Code webview API, and drive it from Playwright.
import { mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../../src/extension/panelHtml';
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';
import { bodyClass, themeVariables, type ThemeKind } from './themeVariables';

export const repoRoot = resolve(__dirname, '../../..');
export const artifactsDir = join(repoRoot, '.test-artifacts');

export interface WebviewBundle {
  js: string;
  css: string;
}

/** Builds webview/main.ts the way esbuild.mjs does, into a temp dir. */
export async function buildWebviewBundle(): Promise<WebviewBundle> {
  const outdir = mkdtempSync(join(tmpdir(), 'webview-test-'));
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { webview: 'webview/main.ts' },
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    outdir,
    loader: { '.css': 'css' },
    logLevel: 'warning',
  });
  return { js: readFileSync(join(outdir, 'webview.js'), 'utf8'), css: readFileSync(join(outdir, 'webview.css'), 'utf8') };
}

/**
 * Runs before the bundle, with the page's nonce: the VS Code API stub (posted messages recorded in
 * window.__posted, state kept in sessionStorage so it survives a reload like VS Code's does) and the theme.
 */
function stubScript(theme: ThemeKind): string {
  return `
window.__posted = [];
let acquired = false;
window.acquireVsCodeApi = () => {
  if (acquired) throw new Error('acquireVsCodeApi called twice');
  acquired = true;
  return {
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => { const s = sessionStorage.getItem('vscodeState'); return s ? JSON.parse(s) : undefined; },
    setState: (s) => sessionStorage.setItem('vscodeState', JSON.stringify(s)),
  };
};
window.__setTheme = (vars, cls) => {
  for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
  document.body.className = cls;
};
window.__setTheme(${JSON.stringify(themeVariables[theme])}, ${JSON.stringify(bodyClass[theme])});
`;
}

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

export async function startPanelServer(bundle: WebviewBundle): Promise<TestServer> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.js);
    } else if (url.pathname === '/webview.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(bundle.css);
    } else if (url.pathname === '/panel.html') {
      const theme = (url.searchParams.get('theme') ?? 'light') as ThemeKind;
      const nonce = randomBytes(16).toString('base64url');
      const html = renderPanelHtml({ scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css`, cspSource: origin, nonce, title: 'Load test' });
      // The stub goes in just before the bundle, with the same nonce: nothing else in the page may run.
      const page = html.replace('<script nonce=', `<script nonce="${nonce}">${stubScript(theme)}</script>\n<script nonce=`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((done) => server.close(() => done())) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Console errors and page errors, collected for the "nothing went wrong" checks. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// Browser-side code is passed as strings: the test files compile without the DOM library (the root tsconfig is
// Node's), and these snippets are small.

export async function postToWebview(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'), message);
}

/** Waits two animation frames: one for the panel's throttled draw, one for chart.js to paint. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))');
}

export async function postedMessages(page: Page): Promise<WebviewToHost[]> {
  return (await page.evaluate('window.__posted')) as WebviewToHost[];
}

export async function cspViolations(page: Page): Promise<string[]> {
  return ((await page.evaluate('window.__cspViolations || []')) as string[]) ?? [];
}

/** Per chart canvas: how many pixels were painted (alpha > 0). 0 means the chart drew nothing. */
export async function paintedPixelsPerChart(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(`(() => {
    const out = {};
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
      const ctx = canvas.getContext('2d');
      let painted = 0;
      if (ctx && canvas.width > 0 && canvas.height > 0) {
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      }
      out[canvas.dataset.chart] = painted;
    }
    return out;
  })()`)) as Record<string, number>;
}

/** data-value of each summary card, by metric. */
export async function summaryValues(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(`Object.fromEntries([...document.querySelectorAll('.summary .card')].map((c) => [c.dataset.metric, Number(c.dataset.value)]))`)) as Record<string, number>;
}

/** Records CSP violations from before any page script runs (init scripts are not subject to the page's CSP). */
export async function watchCspViolations(page: Page): Promise<void> {
  await page.addInitScript(`window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
}

export function screenshotPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, `webview-${name}.png`);
}
