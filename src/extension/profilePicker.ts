// "How hard?": a quick pick of the presets with the last-used profile first, or "Custom..." through input boxes.
// The choice is remembered per workspace.
import * as vscode from 'vscode';
import {
  inputError,
  parseConnections,
  parseHeaders,
  parseMethod,
  parseRate,
  parseStopAfter,
  type Parsed,
} from './customProfileInput';
import { describeProfile, PRESET_PROFILES, sameLoad, storedProfile, type LoadProfile } from './loadProfiles';
import { inputText, pick, type StepCounter } from './flowPrompts';
import { defaultCustomProfile } from './runSettings';
import type { Prompts } from './prompts';
import { redactHeaders, withoutRedacted } from '../shared/secrets';

export const LAST_PROFILE_KEY = 'loadTest.lastProfile';

type ProfileItem = vscode.QuickPickItem & { profile?: LoadProfile };

export function lastProfile(context: vscode.ExtensionContext): LoadProfile | undefined {
  const profile = storedProfile(context.workspaceState.get(LAST_PROFILE_KEY));
  // Credentials were never stored: send none rather than the placeholder.
  if (profile?.headers) profile.headers = withoutRedacted(profile.headers);
  return profile;
}

export async function pickProfile(context: vscode.ExtensionContext, targetUrl: string, log: vscode.LogOutputChannel, prompts: Prompts): Promise<LoadProfile | undefined> {
  const chosen = prompts.presetProfile() ?? (await askForProfile(context, targetUrl, log));
  // Credentials are sent, never stored: workspace state keeps a placeholder.
  if (chosen) await context.workspaceState.update(LAST_PROFILE_KEY, chosen.headers ? { ...chosen, headers: redactHeaders(chosen.headers) } : chosen);
  return chosen;
}

async function askForProfile(context: vscode.ExtensionContext, targetUrl: string, log: vscode.LogOutputChannel): Promise<LoadProfile | undefined> {
  const last = lastProfile(context);
  const items: ProfileItem[] = [];
  if (last) items.push({ label: `$(history) ${last.label}`, description: 'last used', profile: last });
  for (const preset of PRESET_PROFILES) {
    if (last && sameLoad(last, preset)) continue;
    items.push({ label: `$(dashboard) ${preset.label}`, profile: preset });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(settings-edit) Custom…', description: 'connections, requests or duration, rate, keep-alive, method, headers, body' });
  const picked = await pick(log, items, { title: `Load test ${targetUrl}`, placeholder: 'How much load?' });
  if (!picked) return undefined;
  return picked.profile ?? askForCustomProfile(log, last?.id === 'custom' ? last : undefined);
}

/** GET and HEAD send no body: six questions; other methods ask for a body as a seventh. */
const CUSTOM_STEPS = 6;

/** One input box of "Custom…"; undefined when the user pressed Escape. */
async function ask<T>(
  log: vscode.LogOutputChannel,
  counter: StepCounter,
  title: string,
  prompt: string,
  value: string,
  parse: (text: string) => Parsed<T>,
): Promise<{ value: T } | undefined> {
  const text = await inputText(log, { title: `Custom load: ${title}`, prompt, value, ...counter, validate: (t) => inputError(parse(t)) });
  if (text === undefined) return undefined;
  const parsed = parse(text);
  return 'value' in parsed ? parsed : undefined;
}

async function askForCustomProfile(log: vscode.LogOutputChannel, previous: LoadProfile | undefined): Promise<LoadProfile | undefined> {
  const start = previous ?? defaultCustomProfile();
  const at = (step: number, totalSteps = CUSTOM_STEPS): StepCounter => ({ step, totalSteps });
  const connections = await ask(log, at(1), 'connections', 'Concurrent connections (1-10000)', String(start.connections), parseConnections);
  if (!connections) return undefined;
  const stopAfterText = start.requests !== undefined ? String(start.requests) : `${start.durationSeconds ?? 10}s`;
  const stopAfter = await ask(log, at(2), 'stop after', 'A number of requests (e.g. 1000) or a duration (e.g. 20s, 2m)', stopAfterText, parseStopAfter);
  if (!stopAfter) return undefined;
  const rate = await ask(log, at(3), 'rate', 'Requests per second for a constant rate; empty: as fast as the connections allow', start.rate !== undefined ? String(start.rate) : '', parseRate);
  if (!rate) return undefined;
  const keepAlive = await pick(
    log,
    [
      { label: 'Keep-alive', description: 'reuse connections', keepAlive: true },
      { label: 'New connection per request', description: 'like ab without -k: exercises the listen backlog', keepAlive: false },
    ].sort((a, b) => Number(b.keepAlive === start.keepAlive) - Number(a.keepAlive === start.keepAlive)),
    { title: 'Custom load: keep-alive', ...at(4) },
  );
  if (!keepAlive) return undefined;
  const method = await ask(log, at(5), 'method', 'HTTP method', start.method ?? 'GET', parseMethod);
  if (!method) return undefined;
  const withBody = method.value !== 'GET' && method.value !== 'HEAD';
  const total = withBody ? CUSTOM_STEPS + 1 : CUSTOM_STEPS;
  const headersText = Object.entries(start.headers ?? {}).map(([n, v]) => `${n}: ${v}`).join(' | ');
  const headers = await ask(log, at(6, total), 'headers', 'Headers as "Name: value | Name2: value2"; empty for none', headersText, parseHeaders);
  if (!headers) return undefined;
  let body: string | undefined;
  if (withBody) {
    body = await inputText(log, { title: 'Custom load: body', prompt: 'Request body; empty for none', value: start.body ?? '', ...at(7, total) });
    if (body === undefined) return undefined;
    if (body === '') body = undefined;
  }
  const profile = {
    connections: connections.value,
    ...stopAfter.value,
    rate: rate.value,
    keepAlive: keepAlive.keepAlive,
    method: method.value === 'GET' ? undefined : method.value,
    headers: headers.value,
    body,
  };
  return { id: 'custom', label: `Custom: ${describeProfile(profile)}`, ...profile };
}
