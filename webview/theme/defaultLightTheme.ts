// The VS Code "Light Modern" values the panel uses, for a standalone HTML report opened outside VS Code.
export const defaultLightThemeVariables: Readonly<Record<string, string>> = {
  '--vscode-font-family': "-apple-system, BlinkMacSystemFont, 'Segoe WPC', 'Segoe UI', system-ui, Ubuntu, 'Droid Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': "Menlo, Monaco, 'Courier New', monospace",
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-sideBar-background': '#f8f8f8',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-editorWidget-border': '#e5e5e5',
  '--vscode-widget-border': '#e5e5e5',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#0258a8',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-button-secondaryHoverBackground': '#cccccc',
  '--vscode-dropdown-background': '#ffffff',
  '--vscode-dropdown-foreground': '#3b3b3b',
  '--vscode-dropdown-border': '#cecece',
  '--vscode-textCodeBlock-background': '#f2f2f2',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-progressBar-background': '#005fb8',
  '--vscode-badge-background': '#cccccc',
  '--vscode-badge-foreground': '#3b3b3b',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-inputValidation-warningBorder': '#bf8803',
  '--vscode-inputValidation-infoBorder': '#1a85ff',
  '--vscode-charts-foreground': '#616161',
  '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-purple': '#652d90',
};

/** Defines the variables on <html> (CSSOM, which a strict CSP allows) unless a host already did. */
export function applyDefaultLightTheme(): void {
  const root = document.documentElement;
  if (getComputedStyle(root).getPropertyValue('--vscode-foreground').trim()) return;
  for (const [name, value] of Object.entries(defaultLightThemeVariables)) root.style.setProperty(name, value);
  if (!document.body.classList.contains('vscode-light')) document.body.classList.add('vscode-light');
}
