// Steps the load-test UI tests share: the workspace's own dev server, answering the pickers, reading the panel.
import { spawn, type ChildProcess } from 'node:child_process';
import type { FrameLocator, Page } from 'playwright-core';

/** Starts the fixture's `node server.js` inside the opened folder on a free port; resolves with the port. */
export function startWorkspaceServer(folder: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['server.js'], { cwd: folder, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
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
