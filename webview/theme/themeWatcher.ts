// VS Code switches themes by changing the body class (vscode-light/-dark/-high-contrast) and the variables on <html>;
// charts must then re-read their colours.

export function watchThemeChanges(onChange: () => void): () => void {
  let pending = false;
  const observer = new MutationObserver(() => {
    // Class and style usually change together: coalesce them into one redraw.
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
