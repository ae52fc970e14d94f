// `loadTest.openSysctlConf`: an untitled document with the /etc/sysctl.d content the last run suggests and how
// to apply it. Untitled, because writing /etc needs root: the user saves it with sudo or copies it.
import * as vscode from 'vscode';
import { sysctlConfContent } from '../../hints/findingPlacement';
import type { KernelView } from './kernelView';

export async function openSysctlConf(kernel: KernelView): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'properties', content: sysctlConfContent(kernel.result()) });
  return vscode.window.showTextDocument(document, { preview: false });
}
