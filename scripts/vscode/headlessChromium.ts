// Launches Debian's chromium through playwright-core (no Playwright browser download is possible here).
// The flags keep it offline: no component updates, sync, QUIC or background requests leave the machine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const chromiumFlags = [
  '--no-sandbox', // we run as root in CI containers
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidate = process.env.LTL_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(`chromium not found at ${candidate}; run \`bash scripts/vscode/install.sh\` (or set LTL_CHROMIUM)`);
  }
  return candidate;
}

/** Headless unless LTL_HEADED=1 (for watching a test locally). Playwright gives it a fresh profile dir. */
export async function launchChromium(): Promise<Browser> {
  // Chromium's crash reporter writes to $XDG_CONFIG_HOME/chromium even with a fresh profile; keep that in a temp dir.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ltl-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: process.env.LTL_HEADED !== '1',
    args: chromiumFlags,
    env: { ...process.env, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    timeout: 30_000,
  });
  browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true }));
  return browser;
}
