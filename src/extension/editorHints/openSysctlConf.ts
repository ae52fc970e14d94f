// `loadTest.openSysctlConf`: an untitled document with the /etc/sysctl.d content the last run suggests and how
// to apply it. Untitled, because writing /etc needs root: the user saves it with sudo or copies it. When the last
// run suggests no kernel setting, it says so and opens nothing (no empty file to be asked to save).
import * as vscode from 'vscode';
import { suggestedSysctls, sysctlConfContent } from '../../hints/findingPlacement';
import type { KernelView } from './kernelView';

export async function openSysctlConf(kernel: KernelView): Promise<vscode.TextEditor | undefined> {
  const result = kernel.result();
  if (suggestedSysctls(result).settings.size === 0) {
    void vscode.window.showInformationMessage(
      result ? 'The last run suggests no kernel setting: nothing to add to /etc/sysctl.d.' : 'No load test has run yet, so no kernel setting is suggested.',
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'properties', content: sysctlConfContent(result) });
  return vscode.window.showTextDocument(document, { preview: false });
}
