// The HTML document the panel's bundle runs in, for both places it runs: the VS Code webview (scripts by nonce) and
// the self-contained HTML report (inline blocks by hash). One strict Content Security Policy as a meta tag, the
// app mounted on <main id="app">.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface AppDocumentParts {
  csp: string;
  title: string;
  /** Markup for <head> after the viewport: the stylesheet (already escaped where it carries values). */
  head: string;
  /** Markup after <main id="app">: the scripts. */
  scripts: string;
  bodyClass?: string;
}

export function appDocument(parts: AppDocumentParts): string {
  const bodyClass = parts.bodyClass ? ` class="${escapeHtml(parts.bodyClass)}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(parts.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${parts.head}
<title>${escapeHtml(parts.title)}</title>
</head>
<body${bodyClass}>
<main id="app"></main>
${parts.scripts}
</body>
</html>
`;
}
