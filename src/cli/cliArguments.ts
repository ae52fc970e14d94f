// Command-line arguments -> engine options. ab's and wrk's letters where they mean the same thing.
import { parseArgs } from 'node:util';
import { UsageError, type LoadOptions } from '../engine/loadOptions';

export interface CliRequest {
  load: LoadOptions;
  jsonFile?: string;
  diagnosis: boolean;
  color: boolean;
  quiet: boolean;
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; request: CliRequest };

export const USAGE = `Usage: load-test-localhost <url> [options]

Load-tests a server on this machine and explains, from the kernel's own counters, why connections
were reset or stalled (listen backlog, SYN queue, SYN cookies) and what to change.

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

Exit status: 0 when the run happened (request errors are results), 2 for a usage error,
3 when nothing accepts connections at the target.`;

/** "10s", "500ms", "2m", "1h", or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a duration (try 10s, 500ms or 2m)`);
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  return value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
}

function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${name} must be a number, got "${text}"`);
  return value;
}

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`"${text}" is not a header (expected "Name: value")`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

export function parseCliArguments(argv: string[], env: { noColor: boolean; isTty: boolean }): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.length === 0) throw new UsageError('Give the URL to load-test, e.g. load-test-localhost http://localhost:8080/');
  if (positionals.length > 1) throw new UsageError(`One URL at a time, got: ${positionals.join(' ')}`);
  if (values.keepalive && values['no-keepalive']) throw new UsageError('--keepalive and --no-keepalive contradict each other');

  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const [name, value] = parseHeader(header);
    headers[name] = value;
  }
  return {
    kind: 'run',
    request: {
      load: {
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
        yieldCpu: !values['full-priority'],
        allowNonLoopback: values['allow-non-loopback'],
      },
      jsonFile: values.json,
      diagnosis: !values['no-diagnosis'],
      color: !values['no-color'] && !env.noColor && env.isTty,
      quiet: values.quiet ?? false,
    },
  };
}
