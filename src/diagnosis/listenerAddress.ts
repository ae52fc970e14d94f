// Which listening sockets a client connecting to a given address reaches, across IPv4/IPv6 and wildcards.
import { isIPv4, isIPv6 } from 'node:net';
import type { SsListener } from '../system/ssListen';

export type Family = 4 | 6;

/** "::ffff:127.0.0.1" -> "127.0.0.1"; expands and lower-cases IPv6 so "::1" and "0:0::1" compare equal. */
export function canonicalAddress(address: string): string {
  const a = address.toLowerCase();
  // Without a colon it is IPv4 (or a name): already canonical. Checked first because net.isIPv6's first call
  // compiles its large regular expression, ~4 ms of every CLI run that only ever sees IPv4 addresses.
  if (!a.includes(':')) return a;
  const mapped = /^(?:(?:0{1,4}:){5}|::(?:0{1,4}:)?)ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(a)) return a;
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill('0');
  const groups = [...h, ...fill, ...t].map((p) => parseInt(p, 16) || 0);
  // /proc/net/tcp6 rows give a v4-mapped address in hex ("::ffff:7f00:1"): the same socket as 127.0.0.1.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

export function addressFamily(address: string): Family | undefined {
  const a = canonicalAddress(address);
  if (isIPv4(a)) return 4;
  if (isIPv6(a)) return 6;
  return undefined;
}

/** Families of clients a listener accepts. */
export function listenerFamilies(l: Pick<SsListener, 'address' | 'dualStack'>): Family[] {
  if (l.address === '*' || l.dualStack) return [4, 6];
  const a = canonicalAddress(l.address);
  // A v6 socket bound to ::ffff:a.b.c.d canonicalises to a.b.c.d: it takes IPv4 clients only.
  return isIPv4(a) ? [4] : [6];
}

/** True when a connection to `target` (an IP) on the listener's port would reach this listener. */
export function listenerAccepts(l: Pick<SsListener, 'address' | 'dualStack'>, target: string): boolean {
  const t = canonicalAddress(target);
  const fam = addressFamily(t);
  if (!fam || !listenerFamilies(l).includes(fam)) return false;
  if (l.address === '*' || l.dualStack) return true;
  const la = canonicalAddress(l.address);
  if (la === '0.0.0.0' || la === canonicalAddress('::')) return true;
  return la === t;
}

/** Listeners on `port` that any of `addresses` reaches (all listeners on the port when no address is given). */
export function matchListeners<T extends SsListener>(listeners: T[], port: number, addresses: string[]): T[] {
  const onPort = listeners.filter((l) => l.port === port);
  if (addresses.length === 0) return onPort;
  return onPort.filter((l) => addresses.some((a) => listenerAccepts(l, a)));
}

/** Resolved addresses that no listener on the port accepts (the "localhost is ::1 but the server is on 127.0.0.1" case). */
export function unreachableAddresses(listeners: Array<Pick<SsListener, 'address' | 'dualStack' | 'port'>>, port: number, addresses: string[]): string[] {
  const onPort = listeners.filter((l) => l.port === port);
  return addresses.filter((a) => !onPort.some((l) => listenerAccepts(l, a)));
}
