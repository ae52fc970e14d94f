// Builds the code-server page URL. code-server refuses --extensionDevelopmentPath/--extensionTestsPath on its command
// line, but the web workbench reads the same options from the `payload` query parameter.
export interface WorkbenchUrlOptions {
  serverUrl: string;
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export function workbenchUrl(options: WorkbenchUrlOptions): string {
  const { host } = new URL(options.serverUrl);
  const remote = (absPath: string) => `vscode-remote://${host}${absPath}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.folder, payload: JSON.stringify(payload) });
  return `${options.serverUrl}/?${query.toString()}`;
}
