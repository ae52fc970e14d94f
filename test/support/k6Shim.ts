// A small stand-in for the k6 runtime (its binary is not installable here): runs an exported script's init code
// and default function in Node, with `k6` and `k6/http` modules that record each request and check its arguments
// the way k6's http.request(method, url, body, params) takes them.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RecordedRequest {
  method: string;
  url: string;
  body: string | null;
  headers: Record<string, string>;
  timeout?: string | number;
}

export interface LoadedK6Script {
  options: Record<string, any>;
  iteration(): void;
  requests: RecordedRequest[];
  dir: string;
}

const HTTP_MODULE = `
const requests = globalThis.__k6ShimRequests;
function check(cond, message) { if (!cond) throw new TypeError('k6 shim: ' + message); }
function request(method, url, body, params) {
  check(typeof method === 'string' && /^[A-Z]+$/.test(method), 'method must be an upper-case string, got ' + method);
  check(typeof url === 'string', 'url must be a string');
  new URL(url); // k6 refuses an unparseable URL
  check(body === null || body === undefined || typeof body === 'string', 'body must be a string or null');
  params = params || {};
  for (const [name, value] of Object.entries(params.headers || {})) check(typeof value === 'string', 'header ' + name + ' must be a string');
  if (params.timeout !== undefined) check(typeof params.timeout === 'number' || /^\\d+(ms|s|m)$/.test(params.timeout), 'bad timeout ' + params.timeout);
  requests.push({ method, url, body: body ?? null, headers: { ...(params.headers || {}) }, timeout: params.timeout });
  return { status: 200, timings: { duration: 0 } };
}
export default {
  request,
  get: (url, params) => request('GET', url, null, params),
  post: (url, body, params) => request('POST', url, body, params),
};
`;

const K6_MODULE = `
export function sleep() {}
export function check() { return true; }
export function group(_name, fn) { return fn(); }
export default { sleep, check, group };
`;

/** Loads the script as k6 would at init (with `env` as __ENV) and returns its options and one iteration at a time. */
export async function loadK6Script(script: string, env: Record<string, string> = {}): Promise<LoadedK6Script> {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-k6-shim-'));
  const pkg = join(dir, 'node_modules', 'k6');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'k6', type: 'module', exports: { '.': './index.js', './http': './http.js' } }));
  writeFileSync(join(pkg, 'http.js'), HTTP_MODULE);
  writeFileSync(join(pkg, 'index.js'), K6_MODULE);
  const file = join(dir, 'script.mjs');
  writeFileSync(file, script);
  const requests: RecordedRequest[] = [];
  const g = globalThis as Record<string, unknown>;
  g.__k6ShimRequests = requests;
  g.__ENV = { ...env };
  const module = (await import(pathToFileURL(file).href)) as { options: Record<string, any>; default: () => void };
  if (typeof module.default !== 'function') throw new Error('the script has no default function');
  return { options: module.options, iteration: () => module.default(), requests, dir };
}
