import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [src, out, x, y, w, h] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(x) + Number(w), height: Number(y) + Number(h) } });
await p.setContent(`<style>body{margin:0} img{display:block}</style><img src="data:image/png;base64,${readFileSync(src).toString('base64')}">`);
await p.waitForFunction('document.images[0].complete');
await p.screenshot({ path: out, clip: { x: +x, y: +y, width: +w, height: +h } });
await b.close();
