// The load generators compared by the bench: how to start each in either mode, and how to read its own count of
// completed requests and its own requests/s from what it prints.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BenchTargetName } from './benchTarget';

export type BenchMode = 'keep-alive' | 'new-connection';

export interface LoadSpec {
  url: string;
  mode: BenchMode;
  connections: number;
  seconds: number;
}

export interface GeneratorReading {
  /** Responses received (any status), the divisor of CPU per request. */
  requests: number;
  requestsPerSec: number;
  /** Socket errors, timeouts, failed requests and non-2xx responses, as the tool counts them. */
  errors: number;
  /** Ours with diagnosis: CPU of the kernel sampler's own thread (ms), as the result reports it. */
  samplerCpuMs?: number;
  samplerStartupCpuMs?: number;
}

export interface LoadGenerator {
  name: string;
  /** Only in these modes, and against these targets (all when absent). */
  modes?: BenchMode[];
  targets?: BenchTargetName[];
  command(spec: LoadSpec): { command: string; args: string[] };
  read(stdout: string): GeneratorReading;
}

function number(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

function onPath(binary: string, versionArgs: string[]): boolean {
  const probe = spawnSync(binary, versionArgs, { stdio: 'ignore' });
  return !probe.error;
}

const wrk: LoadGenerator = {
  name: 'wrk',
  command: ({ url, mode, connections, seconds }) => ({
    command: 'wrk',
    args: [
      `-t${Math.min(availableParallelism(), connections)}`,
      `-c${connections}`,
      `-d${seconds}s`,
      ...(mode === 'new-connection' ? ['-H', 'Connection: close'] : []),
      url,
    ],
  }),
  read(out) {
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errorCount = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
    return {
      requests: number(out, /(\d+) requests in/),
      requestsPerSec: number(out, /Requests\/sec:\s+([\d.]+)/),
      errors: errorCount + number(out, /Non-2xx or 3xx responses:\s+(\d+)/),
    };
  },
};

const ab: LoadGenerator = {
  name: 'ab',
  command: ({ url, mode, connections, seconds }) => ({
    command: 'ab',
    // -t alone caps the run at 50000 requests; -n after it lifts the cap (ab sizes one array by it, so not too far).
    args: [...(mode === 'keep-alive' ? ['-k'] : []), '-q', `-c${connections}`, `-t${seconds}`, `-n${seconds * 200_000}`, url],
  }),
  read(out) {
    return {
      requests: number(out, /Complete requests:\s+(\d+)/),
      requestsPerSec: number(out, /Requests per second:\s+([\d.]+)/),
      errors: number(out, /Failed requests:\s+(\d+)/) + number(out, /Non-2xx responses:\s+(\d+)/),
    };
  },
};

function autocannon(script: string): LoadGenerator {
  return {
    name: 'autocannon',
    command: ({ url, mode, connections, seconds }) => ({
      command: process.execPath,
      // autocannon has no keep-alive switch; with `Connection: close` the server closes and it reconnects.
      args: [script, '-j', `-c${connections}`, `-d${seconds}`, ...(mode === 'new-connection' ? ['-H', 'Connection=close'] : []), url],
    }),
    read(out) {
      const result = JSON.parse(out) as {
        duration: number;
        requests: { total: number };
        errors: number;
        timeouts: number;
        non2xx: number;
      };
      return {
        requests: result.requests.total,
        requestsPerSec: result.requests.total / result.duration,
        errors: result.errors + result.timeouts + result.non2xx,
      };
    },
  };
}

/**
 * Ours, as a user runs it: the CLI in its own process, with the kernel diagnosis (on by default) unless
 * `diagnosis: false`; its default HTTP client (lean sockets) or `--http-client undici`; optionally a worker count.
 */
export function loadTestLocalhost(
  cliScript: string,
  variant: { workers?: number; httpClient?: 'undici'; diagnosis?: boolean; fullPriority?: boolean } = {},
): LoadGenerator {
  const { workers, httpClient, diagnosis = true, fullPriority = false } = variant;
  const flags = [
    ...(fullPriority ? ['--full-priority'] : []),
    ...(workers === undefined ? [] : ['--workers', String(workers)]),
    ...(httpClient ? ['--http-client', httpClient] : []),
    ...(diagnosis ? [] : ['--no-diagnosis']),
  ];
  return {
    name: ['load-test-localhost', ...flags].join(' '),
    command: ({ url, mode, connections, seconds }) => ({
      command: process.execPath,
      args: [
        cliScript,
        url,
        `-c${connections}`,
        `-d${seconds}s`,
        ...(mode === 'new-connection' ? ['--no-keepalive'] : []),
        ...flags,
        '-q',
        '--no-color',
        '--json',
        '-',
      ],
    }),
    read(out) {
      // The JSON result is the whole of stdout (the text report goes to stderr with --json -).
      const result = JSON.parse(out.slice(out.indexOf('{'))) as {
        /** ok counts every response, non-2xx included. */
        requests: { ok: number; failed: number; non2xx: number };
        throughput: { requestsPerSec: number };
        kernel?: { samplerCpuMs?: number; samplerStartupCpuMs?: number };
      };
      return {
        requests: result.requests.ok + result.requests.failed,
        requestsPerSec: result.throughput.requestsPerSec,
        errors: result.requests.failed + result.requests.non2xx,
        samplerCpuMs: result.kernel?.samplerCpuMs,
        samplerStartupCpuMs: result.kernel?.samplerStartupCpuMs,
      };
    },
  };
}

/** The bare Node clients of nodeFloorClient.ts, by variant: what Node allows without keep-alive. */
export const NODE_FLOOR_NAMES = {
  net: 'bare Node client (net.Socket)',
  internal: 'bare Node client (internal TCP handle)',
} as const;

export function nodeFloor(script: string, variant: keyof typeof NODE_FLOOR_NAMES): LoadGenerator {
  return {
    name: NODE_FLOOR_NAMES[variant],
    modes: ['new-connection'],
    // Only where the generator is the limit: elsewhere the server is, and these clients, unlike ours, do not yield
    // their core to it (nice), so their numbers there say nothing about Node's floor.
    targets: ['nginx'],
    command: ({ url, connections, seconds }) => ({
      command: process.execPath,
      args: [script, url, String(connections), String(seconds), variant],
    }),
    read(out) {
      const result = JSON.parse(out) as { responses: number; errors: number; seconds: number; unavailable?: string };
      if (result.unavailable) throw new Error(result.unavailable);
      return { requests: result.responses, requestsPerSec: result.responses / result.seconds, errors: result.errors };
    },
  };
}

/** The peers installed here, in a fixed order. */
export function installedPeers(repoRoot: string): LoadGenerator[] {
  const peers: LoadGenerator[] = [];
  if (onPath('wrk', ['--version'])) peers.push(wrk);
  if (onPath('ab', ['-V'])) peers.push(ab);
  const autocannonScript = join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js');
  if (existsSync(autocannonScript)) peers.push(autocannon(autocannonScript));
  return peers;
}
