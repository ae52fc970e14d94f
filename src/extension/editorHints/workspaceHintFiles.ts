// Listen sites and sysctl entries across the workspace (at most 200 files, no dependencies or build output),
// plus the system's own sysctl files. Open documents are read from the editor (unsaved edits count); other
// files from disk, cached by modification time.
import { readdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { findListenSites, listenSyntaxOf } from '../../hints/findListenSites';
import type { ListenSite } from '../../hints/listenSite';
import { isSysctlConfPath, parseSysctlConf, type SysctlEntry } from '../../hints/sysctlConf';
import { listenSitesOf, sysctlEntriesOf } from './hintDocuments';

const INCLUDE = '**/{*.js,*.mjs,*.cjs,*.ts,*.mts,*.cts,*.jsx,*.tsx,*.py,*.rb,*.go,*.sh,*.conf,package.json,Procfile,Makefile}';
const EXCLUDE = '**/{node_modules,.git,out,dist,build,.venv,venv,vendor,__pycache__,coverage}/**';
const MAX_FILES = 200;

/** Offset -> position in the text the sites were found in (no need to open a document for it). */
export type PositionAt = (offset: number) => vscode.Position;

export interface ListenFile {
  uri: vscode.Uri;
  sites: ListenSite[];
  positionAt: PositionAt;
}

export interface SysctlFile {
  uri: vscode.Uri;
  entries: SysctlEntry[];
  positionAt: PositionAt;
}

type Parsed = { listen: ListenSite[]; sysctl: SysctlEntry[]; positionAt: PositionAt };

function positionsOf(text: string): PositionAt {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return new vscode.Position(low, offset - lineStarts[low]);
  };
}
const diskCache = new Map<string, { mtime: number; parsed: Parsed }>();

function parse(text: string, path: string): Parsed {
  const positionAt = positionsOf(text);
  if (isSysctlConfPath(path)) return { listen: [], sysctl: parseSysctlConf(text), positionAt };
  const syntax = listenSyntaxOf('', path);
  if (syntax === undefined && !/\.conf$/.test(path)) return { listen: [], sysctl: [], positionAt };
  return { listen: findListenSites(text, '', path), sysctl: [], positionAt };
}

async function parseFromDisk(uri: vscode.Uri): Promise<Parsed> {
  const stat = await vscode.workspace.fs.stat(uri);
  const key = uri.toString();
  const hit = diskCache.get(key);
  if (hit && hit.mtime === stat.mtime) return hit.parsed;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = parse(text, uri.path);
  diskCache.set(key, { mtime: stat.mtime, parsed });
  return parsed;
}

export async function scanHintFiles(
  token: vscode.CancellationToken,
): Promise<{ listen: ListenFile[]; sysctl: SysctlFile[] } | undefined> {
  const uris = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES, token);
  if (token.isCancellationRequested) return undefined;
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const seen = new Set<string>();
  const listen: ListenFile[] = [];
  const sysctl: SysctlFile[] = [];
  const add = (uri: vscode.Uri, parsed: Parsed) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    if (parsed.listen.length > 0) listen.push({ uri, sites: parsed.listen, positionAt: parsed.positionAt });
    if (parsed.sysctl.length > 0) sysctl.push({ uri, entries: parsed.sysctl, positionAt: parsed.positionAt });
  };
  // Open documents first: they may be outside the workspace, or edited and unsaved.
  for (const document of open.values()) {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') continue;
    const positionAt = (offset: number) => document.positionAt(offset);
    add(document.uri, { listen: listenSitesOf(document), sysctl: sysctlEntriesOf(document), positionAt });
  }
  for (const uri of uris) {
    if (token.isCancellationRequested) return undefined;
    if (seen.has(uri.toString())) continue;
    try {
      add(uri, await parseFromDisk(uri));
    } catch {
      // Unreadable or gone since the search: no hint there.
    }
  }
  for (const path of await systemSysctlFiles()) {
    const uri = vscode.Uri.file(path);
    if (seen.has(uri.toString())) continue;
    try {
      add(uri, parse(await readFile(path, 'utf8'), path));
    } catch {
      // Not readable: the openSysctlConf command covers creating one.
    }
  }
  return { listen, sysctl };
}

/** /etc/sysctl.conf and /etc/sysctl.d/*.conf, where a persistent kernel fix lives. */
async function systemSysctlFiles(): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  const files = ['/etc/sysctl.conf'];
  try {
    for (const name of await readdir('/etc/sysctl.d')) if (name.endsWith('.conf')) files.push(`/etc/sysctl.d/${name}`);
  } catch {
    // No such folder.
  }
  return files;
}
