// What the diagnosis could not see, each said with what it hides and, where there is one, the way to see it.
// "No kernel TCP trouble found" is only said when nothing here could hide trouble (see notChecked.ts).
import type { BlindSpot } from '../shared/findings';

export interface CoverageReadings {
  platform: NodeJS.Platform;
  /** A kernel probe exists for this system (Linux, macOS). */
  supported: boolean;
  listeners: { readable: boolean; reason?: string; fallback?: string };
  /** The cap on every backlog was read (net.core.somaxconn, kern.ipc.somaxconn). */
  somaxconnRead: boolean;
  counters: { readable: boolean; reason?: string };
  kernelLog: { readable: boolean; reason?: string };
  inContainer: boolean;
}

/** "dmesg is not readable (...kernel.dmesg_restrict=1...)" -> "dmesg is restricted here". */
function kernelLogWhy(reason: string | undefined): string {
  if (reason && /dmesg is not installed/.test(reason)) return 'dmesg is not installed';
  return 'dmesg is restricted here';
}

export function blindSpotsOf(r: CoverageReadings): BlindSpot[] {
  if (!r.supported) {
    return [{ id: 'platform', text: `Kernel TCP diagnosis is not available on ${r.platform}: nothing in the kernel was checked.` }];
  }
  const spots: BlindSpot[] = [];
  const mac = r.platform === 'darwin';
  if (!r.listeners.readable) {
    const why = r.listeners.reason ?? 'the listening sockets could not be read';
    const how = mac ? '' : /ss is not installed/.test(why) ? ' Install iproute2 (`apt-get install iproute2`) to read it.' : '';
    spots.push({ id: 'listen-backlog', text: `The listener's backlog is unknown (${why}): an accept queue smaller than the concurrency cannot be seen.${how}${r.listeners.fallback ? ` ${r.listeners.fallback}` : ''}` });
  }
  if (!r.somaxconnRead) {
    const key = mac ? 'kern.ipc.somaxconn' : 'net.core.somaxconn';
    spots.push({ id: 'somaxconn', text: `${key} could not be read: whether it or the server's listen() backlog limits the accept queue cannot be told.` });
  }
  if (!r.counters.readable) {
    spots.push({ id: 'counters', text: `The TCP counters could not be read${r.counters.reason ? ` (${r.counters.reason})` : ''}: accept-queue overflows, SYN drops and resets are not counted.` });
  }
  if (mac) {
    spots.push({ id: 'syn-queue', text: "macOS's netstat prints no SYN-queue or SYN-cookie counters: SYN-queue drops and cookies are not checked." });
    spots.push({ id: 'kernel-log', text: "The macOS kernel log is not read: SYN-flood messages are not checked." });
  } else if (!r.kernelLog.readable) {
    spots.push({ id: 'kernel-log', text: `The kernel log could not be read (${kernelLogWhy(r.kernelLog.reason)}): SYN-flood lines are not checked.` });
  }
  if (r.inContainer) {
    spots.push({ id: 'network-namespace', caveat: true, text: 'Counters are per network namespace: inside this container they cover the container only.' });
  }
  return spots;
}

/** Without ss, /proc/net/tcp{,6} still shows a listener's current queue length (rx_queue), though not its capacity. */
export function procListenerFallback(rows: Array<{ state: number; localAddress: string; localPort: number; rxQueue: number }>, port: number, listenState: number): string {
  const listening = rows.filter((r) => r.state === listenState && r.localPort === port);
  if (listening.length === 0) return `Fallback: /proc/net/tcp{,6} shows no listener on port ${port} either.`;
  const shown = listening.map((r) => `${r.localAddress.includes(':') ? `[${r.localAddress}]` : r.localAddress}:${port} (${r.rxQueue} waiting to be accepted)`);
  return `Fallback: /proc/net/tcp{,6} shows the listener ${shown.join(', ')} when read, but not the queue's capacity.`;
}
