// "Copy as CLI command": the `load-test-localhost` command line that repeats a run in a terminal or a CI job.
// Pure (no Node APIs): the panel builds it in the webview as well. Credentials become shell variables.
import type { RunOptionsEcho } from './result';
import { isSecretName, secretEnvName } from './secretNames';

const SAFE = /^[\w@%+=:,./-]+$/;

/** POSIX shell quoting: bare when safe, else single quotes ('\'' for a quote inside). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function durationFlag(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function cliCommandLine(options: RunOptionsEcho, program = 'load-test-localhost'): string {
  const words: string[] = [program, shellQuote(options.url)];
  words.push('-c', String(options.connections));
  if (options.requests !== undefined) words.push('-n', String(options.requests));
  if (options.durationMs !== undefined) words.push('-d', durationFlag(options.durationMs));
  if (options.rate !== undefined) words.push('-R', String(options.rate));
  if (!options.keepAlive) words.push('--no-keepalive');
  const defaultMethod = options.bodyBytes > 0 ? 'POST' : 'GET';
  if (options.method !== defaultMethod) words.push('-m', options.method);
  for (const [name, value] of Object.entries(options.headers)) {
    // A credential is written as a shell variable the user sets, never copied to a clipboard, ticket or CI file.
    words.push('-H', isSecretName(name) ? `"${name}: $${secretEnvName('HEADER', name)}"` : shellQuote(`${name}: ${value}`));
  }
  if (options.body !== undefined) words.push('-b', shellQuote(options.body));
  else if (options.bodyBytes > 0) words.push('--body-file', 'BODY_FILE');
  if (options.responseTimeoutMs !== 30_000) words.push('--timeout', String(options.responseTimeoutMs));
  if (options.connectTimeoutMs !== 10_000) words.push('--connect-timeout', String(options.connectTimeoutMs));
  if (options.workers > 0) words.push('--workers', String(options.workers));
  if (options.http2) words.push('--http2');
  if (options.httpClient === 'undici' && options.url.startsWith('http:')) words.push('--http-client', 'undici');
  let host = '';
  try {
    host = new URL(options.url).hostname;
  } catch {
    // An unparseable URL still makes a command line; the CLI will say what is wrong with it.
  }
  if (host && !LOOPBACK.test(host)) words.push('--allow-non-loopback');
  return words.join(' ');
}
