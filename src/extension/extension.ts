import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('loadTest.run', () => {
      void vscode.window.showInformationMessage('Load Test Localhost: coming soon.');
    }),
  );
}

export function deactivate(): void {}
