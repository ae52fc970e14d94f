// Turns a listen site's backlog edit into a WorkspaceEdit, for the quick fix and the lens command.
import * as vscode from 'vscode';
import type { ListenSite } from '../../hints/listenSite';
import { listenSitesOf, rangeOf } from './hintDocuments';

export function backlogWorkspaceEdit(document: vscode.TextDocument, site: ListenSite, backlog: number): vscode.WorkspaceEdit | undefined {
  const edit = site.backlogEdit;
  if (!edit) return undefined;
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, rangeOf(document, edit.span), `${edit.prefix}${backlog}${edit.suffix}`);
  return workspaceEdit;
}

/** The lens command: the site is found again by its start offset, since the document may have changed. */
export async function setListenBacklog(uri: vscode.Uri, siteStart: number, backlog: number): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const site = listenSitesOf(document).find((s) => s.span.start === siteStart);
  const edit = site && backlogWorkspaceEdit(document, site, backlog);
  return edit ? vscode.workspace.applyEdit(edit) : false;
}
