// Playwright helpers for UI tests that drive a real VS Code (code-server 4.100.3 in headless Debian chromium) the way
// a person does: open a folder, press F1, run a command, look inside the extension's webview, take screenshots.
// The extension under test comes from LTL_UI_EXTENSIONS_DIR, which scripts/vscode/run-ui-tests.ts fills by
// installing the packaged .vsix; run UI tests through that script.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { freshCodeServerDirs, startCodeServer, type RunningCodeServer } from '../../scripts/vscode/codeServerProcess';
import { launchChromium } from '../../scripts/vscode/headlessChromium';
import { workbenchUrl } from '../../scripts/vscode/workbenchUrl';
import { trustFolderBeforeLoad } from '../../scripts/vscode/workspaceTrust';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const artifactsDir = path.join(repoRoot, '.test-artifacts');
/** A tiny Node dev-server project (npm run dev) to open as the workspace. */
export const fixtureWorkspace = path.join(repoRoot, 'test', 'vscode', 'workspace');

export interface VSCodeSession {
  page: Page;
  /** The opened copy of the workspace folder (inside the server's temp dir). */
  folder: string;
  server: RunningCodeServer;
  browser: Browser;
}

export interface OpenOptions {
  /** Folder to open (a fresh copy of it, so tests cannot dirty the repo); defaults to the fixture workspace. */
  folder?: string;
  /** true (default): pre-trusted, no modal. false: the trust modal appears, as for a first-time user. */
  trusted?: boolean;
}

/** Starts code-server on a free loopback port with fresh dirs and opens `folder` in a new headless browser page. */
export async function startVSCode(options: OpenOptions = {}): Promise<VSCodeSession> {
  const extensionsDir = process.env.LTL_UI_EXTENSIONS_DIR;
  if (!extensionsDir) {
    throw new Error('LTL_UI_EXTENSIONS_DIR is not set; run UI tests with `node --import tsx scripts/vscode/run-ui-tests.ts`');
  }
  const server = await startCodeServer({ dirs: freshCodeServerDirs(extensionsDir) });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const folder = path.join(server.dirs.root, 'workspace');
    fs.cpSync(options.folder ?? fixtureWorkspace, folder, { recursive: true });
    await openFolder(page, server.url, folder, options.trusted ?? true);
    return { page, folder, server, browser };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

export async function closeVSCode(session: VSCodeSession): Promise<void> {
  await session.browser.close().catch(() => undefined);
  await session.server.stop();
}

/**
 * Starts VS Code, runs `body`, always closes it. On failure it saves `<name>-failure.png` and the code-server log
 * to .test-artifacts/ before rethrowing, so CI keeps the evidence.
 */
export async function withVSCode<T>(name: string, body: (session: VSCodeSession) => Promise<T>, options?: OpenOptions): Promise<T> {
  const session = await startVSCode(options);
  const trail = recordWebviewTrouble(session.page);
  try {
    return await body(session);
  } catch (err) {
    if (trail.length) console.log(`${name}: what the page and its webviews reported:\n  ${trail.join('\n  ')}`);
    await screenshot(session.page, `${name}-failure`).catch(() => undefined);
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.copyFileSync(session.server.logPath, path.join(artifactsDir, `${name}-code-server.log`));
    throw err;
  } finally {
    await closeVSCode(session);
  }
}

/**
 * Console errors and warnings of every frame, and failed or refused resource requests, with the time since the
 * start: printed when a test fails, to tell a webview whose script never loaded from one that got no message.
 */
function recordWebviewTrouble(page: Page): string[] {
  const trail: string[] = [];
  const t0 = Date.now();
  const note = (line: string) => trail.push(`${((Date.now() - t0) / 1000).toFixed(1)} s ${line.slice(0, 300)}`);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()} ${m.location().url.slice(-60)}: ${m.text()}`);
  });
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => note(`request failed ${r.url().slice(-80)}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) note(`response ${r.status()} ${r.url().slice(-80)}`);
  });
  page.on('request', (r) => {
    if (/webview\.(js|css)/.test(r.url())) note(`request ${r.url().slice(-60)}`);
  });
  page.on('requestfinished', (r) => {
    if (/webview\.(js|css)/.test(r.url())) note(`loaded ${r.url().slice(-60)}`);
  });
  return trail;
}

/** The extension's log (its LogOutputChannel's file), found under the code-server dirs' root. */
export function extensionLog(root: string): string {
  const found = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('Load Test Localhost.log'));
  return found.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
}

/** Loads the workbench on `folder` and waits until it is usable (extensions are activated lazily after this). */
export async function openFolder(page: Page, serverUrl: string, folder: string, trusted = true): Promise<void> {
  if (trusted) await trustFolderBeforeLoad(page, serverUrl, folder);
  await page.goto(workbenchUrl({ serverUrl, folder }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The status bar appears once the workbench finished restoring its parts.
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
}

/** Answers the workspace trust modal (only shown when the folder was opened with `trusted: false`). */
export async function answerTrustPrompt(page: Page, trust: boolean): Promise<void> {
  const label = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).click({ timeout: 30_000 });
}

/**
 * Runs a command from the command palette by its title, as a person would: F1, type, Enter.
 * `fill` is used instead of typing: keystrokes right after F1 can land before the input has focus.
 * Right after the workbench loads the extension host may not have registered the extension's contributions yet, and an
 * open palette never refreshes; so, like a person, close it and look again until `timeoutMs`.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    const listed = await row.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`command "${title}" is not in the command palette after ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
  await input.press('Enter');
}

/** Opens a workspace file by name with Quick Open (Ctrl+P), as a person would, and waits for its tab. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: fileName }).first().waitFor({ timeout: 15_000 });
}

/** A notification toast whose message contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast .notification-list-item-message', { hasText: text });
}

/** An error VS Code shows to the user: a modal dialog (a command that threw or is not registered) or an error toast. */
export function shownError(page: Page): Locator {
  return page.locator('.monaco-dialog-box:has(.codicon-dialog-error), .notification-toast:has(.codicon-error)');
}

/**
 * The content of the visible webview (a panel the extension opened). VS Code nests it two iframes deep: the host
 * frame (iframe.webview, marked .ready once loaded) and the extension's document in iframe#active-frame.
 * Hidden webviews (background tabs) stay in the DOM, hence the :visible filter.
 */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Saves a full-page screenshot to .test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  // Finishes CSS transitions first, so a toast that is sliding in is captured in place.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
