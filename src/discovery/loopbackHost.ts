// Which host to put in the URL for a port, given the addresses its listening sockets are bound to.
//
// `localhost` preference rules: a listening server gets a numeric loopback address, never `localhost`. Node ≥ 17
// keeps the resolver's order, so `localhost` may resolve to ::1 first while the server only accepts 127.0.0.1
// (or the reverse for Vite, which binds `localhost` and may land on ::1 only); a numeric address also saves a DNS
// lookup per connection. IPv4 is preferred when accepted (127.0.0.1, or the exact 127.x.y.z bound), then [::1].
// `localhost` is used only for a port nothing listens on yet, where the family is unknown.
import { isIP } from 'node:net';

/**
 * "::" is dual-stack unless net.ipv6.bindv6only=1 (per-socket IPV6_V6ONLY is not visible in /proc; Node and
 * Python's http.server leave it off).
 */
export function hostForAddresses(addresses: string[], wildcardV6IsDualStack = true): { host: string; isLoopback: boolean } {
  if (addresses.includes('127.0.0.1') || addresses.includes('0.0.0.0')) return { host: '127.0.0.1', isLoopback: true };
  const v4Loopback = addresses.find((a) => isIP(a) === 4 && a.startsWith('127.'));
  if (v4Loopback) return { host: v4Loopback, isLoopback: true };
  // Bound to an IPv4-mapped loopback address (::ffff:7f00:1): reachable as 127.x over IPv4.
  if (addresses.some((a) => a !== '::1' && isIP(a) === 6 && isLoopbackHost(a))) return { host: '127.0.0.1', isLoopback: true };
  if (addresses.includes('::') && wildcardV6IsDualStack) return { host: '127.0.0.1', isLoopback: true };
  if (addresses.includes('::1') || addresses.includes('::')) return { host: '[::1]', isLoopback: true };
  // Bound to a LAN address only: loopback does not reach it.
  const other = addresses[0] ?? 'localhost';
  return { host: isIP(other) === 6 ? `[${other}]` : other, isLoopback: false };
}

/** True for localhost, *.localhost, 127.0.0.0/8, ::1 and IPv4-mapped loopback. Brackets allowed. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) {
    const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    // The URL parser prints IPv4-mapped addresses in hex: ::ffff:7f00:1 is 127.0.0.1.
    return canonical === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical);
  }
  return false;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** "/", "/api", "api?x=1" -> a path starting with "/". */
export function normalizePath(path: string | undefined): string {
  if (!path) return '/';
  return path.startsWith('/') ? path : `/${path}`;
}

export function urlFor(host: string, port: number, path: string | undefined, scheme = 'http'): string {
  return `${scheme}://${host}:${port}${normalizePath(path)}`;
}
