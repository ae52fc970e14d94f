// Is something accepting connections on a loopback port? A TCP connect answers that on every platform.
// Only loopback hosts are probed: this tool never sends traffic elsewhere.
import { connect } from 'node:net';
import { isLoopbackHost } from './loopbackHost';

const PROBE_HOSTS = ['127.0.0.1', '::1'];
const POLL_INTERVAL_MS = 250;

function tryConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The host (without brackets) that accepted a connection, or undefined. With no host given, tries 127.0.0.1
 * then ::1. Throws for a non-loopback host.
 */
export async function probePort(port: number, host?: string, timeoutMs = 1000): Promise<string | undefined> {
  const bare = host?.replace(/^\[|\]$/g, '');
  if (bare !== undefined && !isLoopbackHost(bare)) throw new Error(`refusing to probe ${host}: not a loopback address`);
  const hosts = bare === undefined || bare === 'localhost' ? PROBE_HOSTS : [bare];
  for (const candidate of hosts) {
    if (await tryConnect(candidate, port, timeoutMs)) return candidate;
  }
  return undefined;
}

/** Polls until the port accepts a connection (true), or the time runs out or the signal aborts (false). */
export async function waitForPort(
  port: number,
  options: { timeoutMs: number; signal?: AbortSignal; host?: string },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) return false;
    const remaining = deadline - Date.now();
    if (await probePort(port, options.host, Math.max(50, Math.min(1000, remaining)))) return true;
    if (Date.now() + POLL_INTERVAL_MS > deadline) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      function done() {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', done);
        resolve();
      }
      options.signal?.addEventListener('abort', done, { once: true });
    });
  }
}
