// Resolve the target once, refuse what is not loopback, and find an address that accepts connections,
// so that "localhost -> ::1 while the server listens on 127.0.0.1" is a fact we report, not a wall of errors.
import { lookup } from 'node:dns/promises';
import { isIP, connect } from 'node:net';
import { UsageError } from './loadOptions';

export interface ResolvedTarget {
  host: string;
  port: number;
  /** Every address the host name resolved to, in resolver order. */
  addresses: string[];
  /** The address the load connects to: the first that accepted a connection. */
  connectAddress: string;
  /** Addresses that refused or did not answer the reachability check, with why. */
  unreachable: Array<{ address: string; reason: string }>;
}

/** Nothing accepted a connection: the CLI exits non-zero with this message. */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
}

export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return address.startsWith('127.');
  if (family === 6) {
    const lower = address.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    // IPv4-mapped loopback, dotted or as the URL parser prints it (::ffff:7f00:1 is 127.0.0.1).
    const mapped = /^(?:0:0:0:0:0:|::)ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped !== null) return mapped[1].startsWith('127.');
    return /^(?:0:0:0:0:0:|::)ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(lower);
  }
  return false;
}

export function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** `defaultPort` of a URL given as text; undefined when it is not a URL. */
export function portOfUrl(text: string): number | undefined {
  try {
    return defaultPort(new URL(text));
  } catch {
    return undefined;
  }
}

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export async function resolveTarget(url: URL, options: { allowNonLoopback: boolean; probeTimeoutMs?: number }): Promise<ResolvedTarget> {
  const host = bareHost(url);
  const port = defaultPort(url);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (err) {
      throw new TargetUnreachableError(`Cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const outside = addresses.filter((address) => !isLoopbackAddress(address));
  if (outside.length > 0 && !options.allowNonLoopback) {
    // An address typed as such (URL parsing writes ::ffff:8.8.8.8 as ::ffff:808:808) is not said to resolve to itself.
    const what = isIP(host) ? `${host} is not loopback` : `${host} resolves to ${outside.join(', ')}, which is not loopback`;
    throw new UsageError(
      `${what}. Load Test Localhost only loads 127.0.0.0/8 and ::1 ` +
        'unless you allow other targets explicitly (--allow-non-loopback, or the loadTest.allowNonLoopback setting).',
    );
  }
  const unreachable: ResolvedTarget['unreachable'] = [];
  for (const address of addresses) {
    const failure = await probeConnect(address, port, options.probeTimeoutMs ?? 3000);
    if (failure === undefined) return { host, port, addresses, connectAddress: address, unreachable };
    unreachable.push({ address, reason: failure });
  }
  const tried = unreachable.map((u) => `${formatHostPort(u.address, port)} (${u.reason})`).join(', ');
  throw new TargetUnreachableError(`Nothing accepts connections at ${url.host}: tried ${tried}. Is the server running?`);
}

export function formatHostPort(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** One TCP connect; undefined when it was accepted, else the reason. */
function probeConnect(address: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code === 'ECONNREFUSED' ? 'connection refused' : err.code ?? err.message);
    });
  });
}
