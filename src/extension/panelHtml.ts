// The results panel's HTML: a shell that loads the webview bundle under a strict Content Security Policy. Pure, so
// the browser tests serve exactly what VS Code shows.
import { appDocument, escapeHtml } from '../report/appDocument';

export interface PanelHtmlInput {
  /** webview.asWebviewUri of out/webview.js */
  scriptUri: string;
  /** webview.asWebviewUri of out/webview.css */
  styleUri: string;
  /** webview.cspSource */
  cspSource: string;
  /** A fresh random nonce per render; only the script carrying it may run. */
  nonce: string;
  title: string;
}

/** The policy on its own, so tests can serve the same one as a header. */
export function panelContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function renderPanelHtml(input: PanelHtmlInput): string {
  return appDocument({
    csp: panelContentSecurityPolicy(input.cspSource, input.nonce),
    title: input.title,
    head: `<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">`,
    scripts: `<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>`,
  });
}
