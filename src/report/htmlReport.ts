// A self-contained HTML report: the panel's own bundle and CSS inline, and the result as JSON, so the saved file
// shows the same charts and findings read-only, with no extension and no network.
import { createHash } from 'node:crypto';
import type { RunResult } from '../shared/result';
import { EMBEDDED_RESULT_ID } from '../shared/embeddedResult';
import { appDocument, escapeHtml } from './appDocument';

export interface ReportAssets {
  /** Contents of out/webview.js */
  webviewJs: string;
  /** Contents of out/webview.css */
  css: string;
}


export function renderHtmlReport(result: RunResult, assets: ReportAssets): string {
  // `<` escaped in the JSON so no string in the result can close the block or start markup.
  const json = JSON.stringify(result).replace(/</g, '\\u003c');
  // The bundle and CSS come from our own build, but must not end their element early either.
  const script = assets.webviewJs.replace(/<\/(script)/gi, '<\\/$1');
  const style = assets.css.replace(/<\/(style)/gi, '<\\/$1');
  // A file has no per-render nonce to give; hashes allow exactly these two inline blocks and nothing else.
  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src '${sha256(style)}'`,
    `script-src '${sha256(script)}'`,
  ].join('; ');
  const title = `Load test ${result.target.url} — ${result.startedAt}`;
  return appDocument({
    csp,
    title,
    head: `<meta name="generator" content="${escapeHtml(`${result.tool.name} ${result.tool.version}`)}">\n<style>${style}</style>`,
    scripts: `<script type="application/json" id="${EMBEDDED_RESULT_ID}">${json}</script>\n<script>${script}</script>`,
    bodyClass: 'vscode-light',
  });
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
