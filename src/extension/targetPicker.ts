// "What should 'Load test localhost' hit?": the `loadTest.url` setting if set; else the workspace's running dev
// server when the answer is clear; else an offer to start its dev script, or a quick pick (best first). The
// choice is remembered per workspace.
import * as vscode from 'vscode';
import {
  discoverDevServers,
  isLoopbackHost,
  normalizePath,
  preferredCandidate,
  recheckCandidate,
  type DevScript,
  type DevServerCandidate,
  type DiscoveryReport,
} from '../discovery/index';
import { parseTargetUrl } from '../engine/loadOptions';
import { defaultPort } from '../engine/loopbackTarget';
import { describeScript } from '../discovery/devScriptText';
import { startDevServer } from './devServerTask';
import { askModal, inputText, offer, pick } from './flowPrompts';

export const LAST_TARGET_KEY = 'loadTest.lastTarget';

export interface PickedTarget {
  url: string;
  candidate?: DevServerCandidate;
}

type PickItem = vscode.QuickPickItem & ({ candidate: DevServerCandidate } | { script: DevScript } | { enterUrl: true });

/** `localhost:3000` and `:3000` get http://, as in the CLI; anything else that is not http(s) is undefined. */
function candidateFromUrl(url: string, detail: string): DevServerCandidate | undefined {
  let parsed: URL;
  try {
    parsed = parseTargetUrl(url);
  } catch {
    return undefined;
  }
  const port = defaultPort(parsed);
  return {
    url: parsed.toString(),
    host: parsed.hostname,
    port,
    source: 'configured',
    insideWorkspace: false,
    isLoopback: isLoopbackHost(parsed.hostname),
    detail,
  };
}

/** Same server (scheme, host, port), whatever the path. */
function sameServer(a: string | undefined, b: string): boolean {
  try {
    return a !== undefined && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function itemsFor(report: DiscoveryReport, remembered: string | undefined): PickItem[] {
  if (report.candidates.length === 0 && report.startable.length === 0) return otherServerItems(report);
  const icons = { listening: '$(radio-tower)', configured: '$(gear)', 'default-port': '$(symbol-number)' } as const;
  const sourceText = { listening: 'running', configured: 'configured', 'default-port': 'default port' } as const;
  const candidates = [...report.candidates].sort((a, b) => Number(sameServer(remembered, b.url)) - Number(sameServer(remembered, a.url)));
  const items: PickItem[] = candidates.map((candidate) => ({
    label: `${icons[candidate.source]} ${candidate.url}`,
    description: [candidate.framework, sourceText[candidate.source], sameServer(remembered, candidate.url) ? 'last used' : undefined]
      .filter(Boolean)
      .join(' · '),
    detail: candidate.detail,
    candidate,
  }));
  for (const script of report.startable) {
    items.push({
      label: `$(play) Start ${script.runCommand}`,
      description: [script.framework, script.expectedPort !== undefined ? `expects port ${script.expectedPort}` : undefined].filter(Boolean).join(' · '),
      detail: `${script.command} in ${script.cwd}`,
      script,
    });
  }
  items.push({ label: '$(edit) Enter a URL…', enterUrl: true });
  return items;
}

/** An empty folder: the loopback servers already running on this machine, then "Enter a URL". */
function otherServerItems(report: DiscoveryReport): PickItem[] {
  const items: PickItem[] = report.otherServers.map((candidate) => ({
    label: `$(radio-tower) ${candidate.url}`,
    description: [candidate.framework, 'running, outside this workspace'].filter(Boolean).join(' · '),
    detail: candidate.detail,
    candidate,
  }));
  items.push({ label: '$(edit) Enter a URL…', description: 'e.g. localhost:3000', enterUrl: true });
  return items;
}

async function askForUrl(log: vscode.LogOutputChannel, urlPath: string): Promise<DevServerCandidate | undefined> {
  const url = await inputText(log, {
    title: 'Load test URL',
    prompt: 'A URL, or host:port such as localhost:3000',
    placeholder: `http://127.0.0.1:3000${urlPath}`,
    validate: (value) => (candidateFromUrl(value.trim(), '') ? undefined : 'Enter an http:// or https:// URL, or host:port such as localhost:3000'),
  });
  return url === undefined ? undefined : candidateFromUrl(url.trim(), 'entered by hand');
}

/** "Nothing found" in the user's terms: what was searched, not which /proc files were read (those go to the log). */
function describeNothingFound(report: DiscoveryReport): string {
  const lines = ['Looked for a running server of this workspace and for the ports and scripts its configuration names.'];
  if (report.otherServers.length === 0) lines.push('No server is listening on loopback either.');
  return [...lines, ...report.notes].join('\n');
}

function describeReport(report: DiscoveryReport): string {
  const listed = report.candidates.map((c) => `${c.url} (${c.source}${c.framework ? `, ${c.framework}` : ''}${c.pid !== undefined ? `, pid ${c.pid}` : ''})`);
  const parts = [
    listed.length > 0 ? `candidates: ${listed.join(', ')}` : 'no candidate',
    `${report.startable.length} startable script(s)${report.startable.length > 0 ? `: ${report.startable.map((s) => s.runCommand).join(', ')}` : ''}`,
  ];
  if (report.otherServers.length > 0) parts.push(`loopback servers outside the workspace: ${report.otherServers.map((c) => c.url).join(', ')}`);
  if (report.notes.length > 0) parts.push(`notes: ${report.notes.join(' ')}`);
  parts.push(`read: ${report.lookedAt.join(', ')}`);
  return parts.join('; ');
}

/** Re-checks right before handing out; a stopped or absent server is said plainly. Undefined: pick again. */
async function confirmed(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  candidate: DevServerCandidate,
  report: DiscoveryReport,
  urlPath: string,
): Promise<PickedTarget | 'pick-again' | undefined> {
  const check = await recheckCandidate(candidate);
  log.info(`Checked ${candidate.url}: ${check.status}${check.message ? ` (${check.message})` : ''}`);
  if (check.status === 'not-listening') {
    const script = report.startable.find((s) => s.expectedPort === candidate.port);
    const buttons = [...(script ? [`Start ${script.runCommand}`] : []), 'Use Anyway', 'Pick Another'];
    const choice = await offer(log, 'warning', check.message ?? `Nothing listens on port ${candidate.port}.`, ...buttons);
    if (choice === 'Pick Another') return 'pick-again';
    if (script && choice === buttons[0]) {
      const started = await startDevServer(script, { path: urlPath });
      return started ? remember(context, started) : undefined;
    }
    if (choice !== 'Use Anyway') return undefined;
  }
  return remember(context, check.candidate);
}

async function remember(context: vscode.ExtensionContext, candidate: DevServerCandidate): Promise<PickedTarget> {
  await context.workspaceState.update(LAST_TARGET_KEY, candidate.url);
  return { url: candidate.url, candidate };
}

export async function pickTarget(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  options: { forcePick?: boolean } = {},
): Promise<PickedTarget | undefined> {
  const config = vscode.workspace.getConfiguration('loadTest');
  const urlPath = normalizePath(config.get<string>('path'));
  const pinned = config.get<string>('url')?.trim();
  if (pinned) {
    const candidate = candidateFromUrl(pinned, 'loadTest.url setting');
    if (candidate) {
      // A pinned URL without a path takes loadTest.path; one with a path is used as written.
      const url = new URL(candidate.url);
      if (url.pathname === '/' && !url.search && urlPath !== '/') candidate.url = new URL(urlPath, url).toString();
      log.info(`Target from the loadTest.url setting: ${candidate.url}`);
      return { url: candidate.url, candidate };
    }
    log.warn(`The setting loadTest.url is not an http(s) URL: "${pinned}"`);
    void vscode.window.showErrorMessage(`The setting loadTest.url is not an http(s) URL: "${pinned}".`);
    return undefined;
  }

  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  log.info(`Discovery started in ${folders.length > 0 ? folders.join(', ') : 'a window without a folder'}`);
  const discoveryStarted = Date.now();
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Looking for the dev server…' },
    () => discoverDevServers(folders, { path: urlPath }),
  );
  log.info(`Discovery finished in ${Date.now() - discoveryStarted} ms: ${describeReport(report)}`);
  const remembered = context.workspaceState.get<string>(LAST_TARGET_KEY);
  if (!options.forcePick) {
    const listening = report.candidates.filter((c) => c.source === 'listening');
    const auto = listening.find((c) => sameServer(remembered, c.url)) ?? preferredCandidate(report.candidates);
    if (auto) {
      log.info(`Chose ${auto.url} without asking (${sameServer(remembered, auto.url) ? 'used last time' : 'the clear best candidate'})`);
      const result = await confirmed(context, log, auto, report, urlPath);
      if (result !== 'pick-again') return result;
    } else if (listening.length === 0 && report.startable.length > 0) {
      const script = report.startable[0]!;
      const choice = await offer(log, 'info', `No dev server of this workspace is listening. Start ${describeScript(script)}?`, 'Start', 'Pick…');
      if (choice === 'Start') {
        const started = await startDevServer(script, { path: urlPath });
        return started ? remember(context, started) : undefined;
      }
      if (choice !== 'Pick…') return undefined;
    }
  }

  if (report.candidates.length === 0 && report.startable.length === 0 && report.otherServers.length === 0) {
    const choice = await askModal(
      log,
      folders.length === 0 ? 'No folder is open, so there is no dev server to find.' : 'No dev server found in this workspace.',
      describeNothingFound(report),
      'Enter a URL…',
    );
    if (choice !== 'Enter a URL…') return undefined;
    const entered = await askForUrl(log, urlPath);
    return entered ? remember(context, entered) : undefined;
  }

  const nothingInWorkspace = report.candidates.length === 0 && report.startable.length === 0;
  for (;;) {
    const picked = await pick(log, itemsFor(report, remembered), {
      title: 'Load test which server?',
      placeholder: nothingInWorkspace
        ? `${folders.length === 0 ? 'No folder is open' : 'No dev server found in this workspace'}; these run on this machine`
        : report.notes.length > 0 ? report.notes.join(' ') : 'Running servers first, then configured ports',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    if ('enterUrl' in picked) {
      const entered = await askForUrl(log, urlPath);
      return entered ? remember(context, entered) : undefined;
    }
    if ('script' in picked) {
      const started = await startDevServer(picked.script, { path: urlPath });
      return started ? remember(context, started) : undefined;
    }
    const result = await confirmed(context, log, picked.candidate, report, urlPath);
    if (result !== 'pick-again') return result;
  }
}
