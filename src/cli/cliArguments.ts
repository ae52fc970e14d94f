// Command-line arguments -> engine options. ab's and wrk's letters where they mean the same thing.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type LoadOptions } from '../engine/loadOptions';
import { parseFailOn, type Threshold } from '../thresholds/failOnThresholds';

export interface CliRequest {
  /** load.url is empty when no URL was given: the dev server running in `discoverIn` is found first. */
  load: LoadOptions;
  /** No URL: the folder whose running dev server is the target (the current directory). */
  discoverIn?: string;
  /** With no URL and no running server, start the folder's dev script (and stop it after the run). */
  start: boolean;
  jsonFile?: string;
  diagnosis: boolean;
  color: boolean;
  quiet: boolean;
  /** --fail-on: judged after the run; a failed one exits with EXIT_THRESHOLDS. */
  failOn?: Threshold[];
}

export interface ExportRequest {
  tool: 'k6' | 'locust';
  /** The run's options from the flags (when no --from). */
  load?: LoadOptions;
  /** A saved `--json` result whose options and measured figures (thresholds) are exported. */
  fromFile?: string;
  /** 0.2 for 20 %. */
  margin?: number;
  outputFile?: string;
}

export interface ImportRequest {
  file: string;
  url?: string;
  jsonFile?: string;
  color: boolean;
  failOn?: Threshold[];
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; request: CliRequest }
  | { kind: 'discover'; folder: string; json: boolean; color: boolean }
  | { kind: 'export'; request: ExportRequest }
  | { kind: 'import'; request: ImportRequest };

export const USAGE = `Usage: load-test-localhost [url] [options]
       load-test-localhost --discover [--json]
       load-test-localhost export k6|locust <url> [options] [-o file] [--from result.json] [--margin 20%]
       load-test-localhost import <k6 summary.json | locust_stats.csv | locust.json> [--url <url>] [--json file]

Load-tests a server on this machine and explains, from the kernel's own counters, why connections
were reset or stalled (listen backlog, SYN queue, SYN cookies) and what to change.

Without a URL, the dev server running from the current folder is the target (found the way the
VS Code extension finds it: listening sockets of processes started in this folder). Nothing is
started unless --start is given.

      --discover          list the dev servers of this folder (port, framework, process, backlog,
                          how each was found) and the scripts that would start one; --json for JSON
      --start             with no URL and no running server: start the folder's dev script, load-test
                          it, then stop it

  -c, --connections <n>   concurrent connections (default 10)
  -n, --requests <n>      stop after n requests
  -d, --duration <time>   stop after this long: 10s, 500ms, 2m (default 10s when -n is not given)
  -R, --rate <n>          open model: n requests per second, latency from the intended send time
  -k, --keepalive         reuse connections (the default)
      --no-keepalive      a new TCP connection per request, like ab without -k
  -m, --method <method>   HTTP method (default GET, or POST with a body)
  -H, --header <h: v>     add a request header (repeatable)
  -b, --body <text>       request body
      --body-file <file>  request body from a file
      --timeout <ms>      response timeout per request (default 30000)
      --connect-timeout <ms>  TCP connect timeout (default 10000)
      --json <file>       write the whole result as JSON (- for stdout)
      --workers <n>       load worker threads (default 1 on 2 cores, 2 from 32 connections on more)
      --full-priority     run load threads at normal priority (by default, a run without keep-alive
                          and without -R runs them at nice +10: the server under test keeps its CPU)
      --http2             offer HTTP/2 over TLS
      --http-client <c>   sockets (default: lean HTTP/1.1 for http://) or undici (always used for https:// and HTTP/2)
      --insecure          accept self-signed certificates
      --allow-non-loopback  allow a target outside 127.0.0.0/8 and ::1
      --no-diagnosis      skip the kernel diagnosis
      --no-color          plain text
  -q, --quiet             no progress line
  -h, --help              this text
  -V, --version           the version

      --fail-on <list>    CI thresholds, e.g. "p99<200ms,errors<1%,rps>500" (p50 p75 p90 p95 p99 p99.9 mean max
                          connect-p99 in ms/s/us; errors = no response, non2xx = a response other than 2xx,
                          each in % or a count; rps): each is reported pass or FAIL

Export the same test as a k6 script or a Locust file, to run it against staging or from many machines:
  load-test-localhost export k6 http://localhost:3000/api -c 50 -n 1000 --no-keepalive -o load.js
  load-test-localhost export locust --from result.json -o locustfile.py     (thresholds from that run)
      -o, --output <file> write there (default: stdout)
      --from <file>       a result saved with --json: its options, and thresholds from what it measured
      --margin <n%>       how far above the measured p95/p99/error rate the thresholds sit (default 20%)
Import k6's --summary-export JSON or Locust's --csv stats / --json output as a result (report, --json, --fail-on):
  load-test-localhost import summary.json --url https://staging.example.com/

Exit status: 0 when the run happened (request errors are results), 1 when --json could not be written
where asked (the result is saved elsewhere; the message says where), 2 for a usage error, 3 when nothing
accepts connections at the target, 4 when a --fail-on threshold failed.`;

/** "10s", "500ms", "2m", "1h", or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a duration (try 10s, 500ms or 2m)`);
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  return value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
}

/** Plain decimal numbers only: `0x10`, `1e9` and `Infinity` are typos more often than intent. */
function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*-?\d+(\.\d+)?\s*$/.test(text)) throw new UsageError(`${name} must be a number, got "${text}"`);
  return Number(text);
}

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`"${text}" is not a header (expected "Name: value")`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

const OPTIONS = {
  connections: { type: 'string', short: 'c' },
  requests: { type: 'string', short: 'n' },
  duration: { type: 'string', short: 'd' },
  rate: { type: 'string', short: 'R' },
  keepalive: { type: 'boolean', short: 'k' },
  'no-keepalive': { type: 'boolean' },
  method: { type: 'string', short: 'm' },
  header: { type: 'string', short: 'H', multiple: true },
  body: { type: 'string', short: 'b' },
  'body-file': { type: 'string' },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  json: { type: 'string' },
  workers: { type: 'string' },
  http2: { type: 'boolean' },
  'http-client': { type: 'string' },
  insecure: { type: 'boolean' },
  'full-priority': { type: 'boolean' },
  'allow-non-loopback': { type: 'boolean' },
  'no-diagnosis': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  discover: { type: 'boolean' },
  start: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  from: { type: 'string' },
  margin: { type: 'string' },
  url: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * `-c -1` would read as two options ("argument is ambiguous"); joined as `--connections=-1` it reaches the range
 * check, which says what is allowed.
 */
function joinNegativeValues(argv: string[]): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[string, { type: string; short?: string }]>) {
    if (spec.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (spec.short) takesValue.set(`-${spec.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = takesValue.get(argv[i]);
    if (name !== undefined && i + 1 < argv.length && /^-\d/.test(argv[i + 1])) out.push(`--${name}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** `--discover --json` means JSON on stdout: give the bare --json its "-". */
function bareJsonForDiscover(argv: string[]): string[] {
  if (!argv.includes('--discover')) return argv;
  return argv.map((a, i) => {
    const next = argv[i + 1];
    // `--json -` already says stdout; `--json --other` and a trailing `--json` get their "-".
    return a === '--json' && (next === undefined || (next !== '-' && next.startsWith('-'))) ? '--json=-' : a;
  });
}

export function parseCliArguments(argv: string[], env: { noColor: boolean; isTty: boolean; cwd?: string }): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(bareJsonForDiscover(argv)), allowPositionals: true, strict: true, options: OPTIONS });
  } catch (err) {
    // parseArgs adds advice about `--` for positionals to an unknown option: a typo needs only the option's name.
    const message = (err as Error).message.split('\n')[0]!;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    // "argument missing" at the end, "argument is ambiguous" when the next word is another option: a value is missing.
    const noValue = /^Option '([^'<]+?)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    throw new UsageError(unknown ? `Unknown option ${unknown[1]}` : noValue ? `${noValue[1]} needs a value` : message);
  }
  const { values } = parsed;
  let { positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const sub = positionals[0] === 'export' || positionals[0] === 'import' ? positionals[0] : undefined;
  if (sub) positionals = positionals.slice(1);
  const only = (flag: keyof typeof values, where: string, allowed: boolean) => {
    if (values[flag] !== undefined && !allowed) throw new UsageError(`--${flag} is for ${where}`);
  };
  only('discover', 'listing dev servers, without a URL or subcommand', sub === undefined);
  only('start', 'running without a URL (it starts the dev script of this folder)', sub === undefined && positionals.length === 0);
  only('output', 'export', sub === 'export');
  only('from', 'export', sub === 'export');
  only('margin', 'export', sub === 'export');
  only('url', 'import', sub === 'import');
  only('fail-on', 'a run or import', sub !== 'export');
  only('json', 'a run or import (an export writes a script: -o)', sub !== 'export');
  const failOn = values['fail-on'] !== undefined ? parseFailOn(values['fail-on']) : undefined;
  const color = !values['no-color'] && !env.noColor && env.isTty;

  if (sub === 'import') {
    if (positionals.length !== 1) throw new UsageError('Give one file to import, e.g. load-test-localhost import summary.json');
    return { kind: 'import', request: { file: positionals[0], url: values.url, jsonFile: values.json, color, failOn } };
  }
  if (sub === 'export') {
    const tool = positionals[0];
    if (tool !== 'k6' && tool !== 'locust') {
      throw new UsageError(
        tool === undefined
          ? 'Say which tool to export for: load-test-localhost export k6 <url> or export locust <url>'
          : `export writes k6 scripts and Locust files, not ${JSON.stringify(tool)}: load-test-localhost export k6 <url> or export locust <url>`,
      );
    }
    const margin = values.margin !== undefined ? parseMargin(values.margin) : undefined;
    if (values.from !== undefined) {
      if (positionals.length > 1) throw new UsageError('--from takes the URL and options from the saved result; give no URL with it');
      return { kind: 'export', request: { tool, fromFile: values.from, margin, outputFile: values.output } };
    }
    if (margin !== undefined) throw new UsageError('--margin sets thresholds from a measured run: use it with --from result.json');
    return { kind: 'export', request: { tool, load: loadOptions(positionals.slice(1), values), outputFile: values.output } };
  }
  const folder = env.cwd ?? process.cwd();
  if (values.discover) {
    if (positionals.length > 0) throw new UsageError(`--discover takes no URL, got: ${positionals.join(' ')}`);
    if (values.json !== undefined && values.json !== '-') throw new UsageError('--discover writes JSON to stdout only: use --discover --json');
    return { kind: 'discover', folder, json: values.json === '-', color };
  }
  const noUrl = positionals.length === 0;
  return {
    kind: 'run',
    request: {
      // Without a URL the target is found in the folder; the URL is filled in then.
      load: loadOptions(noUrl ? [''] : positionals, values),
      discoverIn: noUrl ? folder : undefined,
      start: values.start ?? false,
      jsonFile: values.json,
      diagnosis: !values['no-diagnosis'],
      color,
      quiet: values.quiet ?? false,
      failOn,
    },
  };
}

/** "20%", "0.2" or "20" (percent when above 1). */
function parseMargin(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) throw new UsageError(`--margin must be a percentage such as 20%, got "${text}"`);
  const value = Number(match[1]);
  return match[2] === '%' || value > 1 ? value / 100 : value;
}

/** The flags that describe a run (shared by a run and an export). */
interface LoadFlags {
  connections?: string;
  requests?: string;
  duration?: string;
  rate?: string;
  keepalive?: boolean;
  'no-keepalive'?: boolean;
  method?: string;
  header?: string[];
  body?: string;
  'body-file'?: string;
  timeout?: string;
  'connect-timeout'?: string;
  workers?: string;
  http2?: boolean;
  'http-client'?: string;
  insecure?: boolean;
  'full-priority'?: boolean;
  'allow-non-loopback'?: boolean;
}

function loadOptions(positionals: string[], values: LoadFlags): LoadOptions {
  if (positionals.length === 0) throw new UsageError('Give the URL to load-test, e.g. load-test-localhost http://localhost:8080/');
  if (positionals.length > 1) throw new UsageError(`One URL at a time, got: ${positionals.join(' ')}`);
  if (values.keepalive && values['no-keepalive']) throw new UsageError('--keepalive and --no-keepalive contradict each other');
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const [name, value] = parseHeader(header);
    headers[name] = value;
  }
  return {
    url: positionals[0],
    connections: parseNumber('-c', values.connections),
    requests: parseNumber('-n', values.requests),
    durationMs: values.duration !== undefined ? parseDuration(values.duration) : undefined,
    rate: parseNumber('-R', values.rate),
    keepAlive: !values['no-keepalive'],
    method: values.method,
    headers,
    body: values.body,
    bodyFile: values['body-file'],
    responseTimeoutMs: parseNumber('--timeout', values.timeout),
    connectTimeoutMs: parseNumber('--connect-timeout', values['connect-timeout']),
    workers: parseNumber('--workers', values.workers),
    http2: values.http2,
    httpClient: values['http-client'] as LoadOptions['httpClient'],
    insecure: values.insecure,
    yieldCpu: values['full-priority'] ? false : undefined,
    allowNonLoopback: values['allow-non-loopback'],
  };
}
