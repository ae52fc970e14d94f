// Steps the load-test UI tests share: the workspace's own dev server, answering the pickers, reading the panel.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { FrameLocator, Page } from 'playwright-core';

/**
 * Starts the fixture's `node server.js` inside the opened folder on a free port (or `env.PORT`); resolves with the
 * port. `env` takes the fixture's knobs: BACKLOG, CPU_MS, SLOW_AFTER, SLOW_MS (see server.js).
 */
export function startWorkspaceServer(folder: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['server.js'], { cwd: folder, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server.js exited with ${code}`)));
    child.stdout?.on('data', (data: Buffer) => {
      const match = /127\.0\.0\.1:(\d+)/.exec(String(data));
      if (match) resolve({ child, port: Number(match[1]) });
    });
  });
}

/** Answers whichever quick pick comes up: the server (when there is a choice), then the profile. */
export async function pickServerAndProfile(page: Page, port: number, profile: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const serverRow = page.locator('.quick-input-list .monaco-list-row', { hasText: `127.0.0.1:${port}` }).first();
  const profileRow = page.locator('.quick-input-list .monaco-list-row', { hasText: profile }).first();
  await serverRow.or(profileRow).first().waitFor({ timeout: 60_000 });
  if (await serverRow.isVisible()) {
    await input.fill(`127.0.0.1:${port}`);
    await input.press('Enter');
    await profileRow.waitFor({ timeout: 30_000 });
  }
  await input.fill(profile);
  await profileRow.waitFor({ timeout: 5_000 });
  await input.press('Enter');
}

export async function cardValue(panel: FrameLocator, metric: string): Promise<number> {
  return Number(await panel.locator(`.summary .card[data-metric="${metric}"]`).getAttribute('data-value', { timeout: 30_000 }));
}

export async function paintedPixels(panel: FrameLocator, chart: string): Promise<number> {
  // Runs in the webview; typed structurally because this project compiles without the DOM library.
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
  return panel.locator(`canvas[data-chart="${chart}"]`).evaluate((canvas: Canvas) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });
}

export async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Switches the colour theme as a person does (F1 "Preferences: Color Theme"), which writes `workbench.colorTheme`
 * to the user settings, and waits for the workbench to repaint. (code-server does not pick up an edit of its
 * settings.json made behind its back quickly enough for a test.)
 */
export async function setColorTheme(page: Page, theme: string, workbenchClass: 'vs' | 'vs-dark' | 'hc-black'): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Right after start the picker may list no theme yet (extensions still activating); like a person, close it and
  // look again.
  const deadline = Date.now() + 45_000;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Preferences: Color Theme');
    // Not Enter: "Browse Color Themes in Marketplace" may rank first, and it needs the network.
    await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^Preferences: Color Theme$/ }).first().click({ timeout: 15_000 });
    const listed = await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Default Light Modern' }).first().waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error('no colour themes listed in "Preferences: Color Theme" after 45 s');
  }
  await input.fill(theme);
  // Clicked, not Enter: "Browse Additional Color Themes..." stays on top of the filtered list.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click({ timeout: 5_000 });
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_000); // the webview picks the new theme variables up and the charts redraw
}

export const AB_PROFILE = 'Like ab -c 50 -n 1000';
/** Backlog 8 and 5 ms of CPU per request: 50 connections overflow the accept queue. Requests after the 960th answer
 * 8 s late: the run's tail waits for them. */
export const TROUBLED_SERVER = { BACKLOG: '8', CPU_MS: '5', SLOW_AFTER: '960', SLOW_MS: '8000' };

/** Where the element is in the page (the webview's frames included), to say whether it is in view. */
export async function inViewport(page: Page, panel: FrameLocator, selector: string): Promise<{ top: number; bottom: number; visible: boolean }> {
  const box = await panel.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return { top: NaN, bottom: NaN, visible: false };
  return { top: box.y, bottom: box.y + box.height, visible: box.y >= 0 && box.y + box.height <= viewport.height };
}

export async function liveChartInView(page: Page, panel: FrameLocator, name: string): Promise<void> {
  await waitFor(async () => (await paintedPixels(panel, 'throughput')) > 500, 'the throughput chart to draw', 60_000);
  const place = await inViewport(page, panel, 'canvas[data-chart="throughput"]');
  assert.ok(place.visible, `${name}: the drawn throughput chart is in view without scrolling (${Math.round(place.top)}–${Math.round(place.bottom)} px)`);
}
