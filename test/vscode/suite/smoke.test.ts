// The extension loads in a real VS Code and wires up its main command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../package.json';

const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('extension smoke', () => {
  it('is installed under its manifest id', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `extension ${extensionId} not found`);
  });

  it('activates without throwing', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command its manifest contributes, including loadTest.run', async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.includes('loadTest.run'), 'manifest no longer contributes loadTest.run');
    for (const command of contributed) {
      assert.ok(registered.has(command), `command ${command} is contributed but not registered`);
    }
  });

  it('opens the test workspace, trusted', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected the fixture workspace to be open');
    assert.equal(vscode.workspace.isTrusted, true, 'workspace is not trusted; the extension would be restricted');
  });
});
