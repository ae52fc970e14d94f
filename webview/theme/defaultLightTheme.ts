// Gives a standalone report (no VS Code around it) the light theme's variables.
import { defaultLightThemeVariables } from './defaultLightThemeVariables';

/** Defines the variables on <html> (CSSOM, which a strict CSP allows) unless a host already did. */
export function applyDefaultLightTheme(): void {
  const root = document.documentElement;
  if (getComputedStyle(root).getPropertyValue('--vscode-foreground').trim()) return;
  for (const [name, value] of Object.entries(defaultLightThemeVariables)) root.style.setProperty(name, value);
  if (!document.body.classList.contains('vscode-light')) document.body.classList.add('vscode-light');
}
