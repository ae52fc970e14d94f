// Chart colours come from the VS Code theme variables; canvas cannot use CSS variables, so they are read here.

export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
  fontSize: number;
  red: string;
  orange: string;
  yellow: string;
  green: string;
  blue: string;
  purple: string;
  highContrast: boolean;
}

function read(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

/** The fallbacks only keep charts visible if a variable is missing; VS Code and the report always define them. */
export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.body);
  const foreground = read(style, '--vscode-foreground', '#616161');
  return {
    foreground,
    muted: read(style, '--vscode-descriptionForeground', foreground),
    grid: read(style, '--vscode-editorWidget-border', read(style, '--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    background: read(style, '--vscode-editor-background', '#ffffff'),
    fontFamily: read(style, '--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(read(style, '--vscode-font-size', '13')) || 13,
    red: read(style, '--vscode-charts-red', '#e51400'),
    orange: read(style, '--vscode-charts-orange', '#d18616'),
    yellow: read(style, '--vscode-charts-yellow', '#bf8803'),
    green: read(style, '--vscode-charts-green', '#388a34'),
    blue: read(style, '--vscode-charts-blue', '#1a85ff'),
    purple: read(style, '--vscode-charts-purple', '#652d90'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

export { withAlpha } from './colorAlpha';
