// Which documents get hints, and their listen sites / sysctl entries, cached per document version so that
// providers asked again while nothing changed (lens refresh, hover) do not parse again.
import * as vscode from 'vscode';
import { findListenSites, listenSyntaxOf } from '../../hints/findListenSites';
import type { ListenSite, TextSpan } from '../../hints/listenSite';
import { isSysctlConfPath, parseSysctlConf, type SysctlEntry } from '../../hints/sysctlConf';

/** Languages and files the providers are registered for; the detectors decide what is in them. */
export const LISTEN_SELECTOR: vscode.DocumentSelector = [
  ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'ruby', 'go', 'nginx', 'shellscript', 'makefile']
    .map((language) => ({ language })),
  { pattern: '**/package.json' },
  { pattern: '**/Procfile' },
  { pattern: '**/*nginx*.conf' },
  { pattern: '**/nginx/**/*.conf' },
];

export const SYSCTL_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/sysctl.conf' }, { pattern: '**/sysctl.d/*.conf' }];

export function isSysctlDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== 'output' && isSysctlConfPath(document.uri.path);
}

export function mayHoldListenSites(document: vscode.TextDocument): boolean {
  return listenSyntaxOf(document.languageId, document.uri.path) !== undefined || /\.conf$/.test(document.uri.path);
}

class VersionCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();
  get(document: vscode.TextDocument, compute: () => T): T {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit.value;
    const value = compute();
    this.entries.set(key, { version: document.version, value });
    return value;
  }
  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}

const listenCache = new VersionCache<ListenSite[]>();
const sysctlCache = new VersionCache<SysctlEntry[]>();

export function listenSitesOf(document: vscode.TextDocument): ListenSite[] {
  if (isSysctlDocument(document) || !mayHoldListenSites(document)) return [];
  return listenCache.get(document, () => findListenSites(document.getText(), document.languageId, document.uri.path));
}

export function sysctlEntriesOf(document: vscode.TextDocument): SysctlEntry[] {
  if (!isSysctlDocument(document)) return [];
  return sysctlCache.get(document, () => parseSysctlConf(document.getText()));
}

export function forgetDocument(document: vscode.TextDocument): void {
  listenCache.forget(document);
  sysctlCache.forget(document);
}

export function rangeOf(document: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}
