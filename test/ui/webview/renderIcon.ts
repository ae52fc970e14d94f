// Renders media/icon.svg to media/icon.png (128x128) with the same Chromium the UI tests use.
// Run: node --import tsx test/ui/webview/renderIcon.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, repoRoot } from './harness';

async function renderIcon(): Promise<void> {
  const svg = readFileSync(join(repoRoot, 'media/icon.svg'), 'utf8');
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
  await page.screenshot({ path: join(repoRoot, 'media/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  await browser.close();
}

void renderIcon();
