// Real servers for the discovery tests: child processes on loopback, started in a chosen working directory,
// each printing the port it got. Every one is killed by the test that started it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  port: number;
  stop(): Promise<void>;
}

function waitForFirstPort(child: ChildProcess, pattern: RegExp, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not report a port in time: ${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${output}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** `node` serving HTTP on host:0 (or a given port), with an optional listen backlog. */
export const NODE_SERVER_SOURCE = `
const [host, port, backlog] = process.argv.slice(-3);
const server = require('http').createServer((req, res) => res.end('ok'));
server.listen({ host, port: Number(port), backlog: backlog ? Number(backlog) : undefined }, () => {
  console.log('PORT=' + server.address().port);
});
process.on('SIGTERM', () => process.exit(0));
`;

export async function startNodeServer(
  cwd: string,
  host: string,
  options: { port?: number; backlog?: number; scriptPath?: string } = {},
): Promise<SpawnedServer> {
  const args = options.scriptPath
    ? [options.scriptPath, host, String(options.port ?? 0), String(options.backlog ?? '')]
    : ['-e', NODE_SERVER_SOURCE, host, String(options.port ?? 0), String(options.backlog ?? '')];
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await waitForFirstPort(child, /PORT=(\d+)/);
  return { child, pid: child.pid!, port, stop: stopper(child) };
}

/** `python3 -u -m http.server 0 --bind <host>`; it prints the port it got. */
export async function startPythonServer(cwd: string, bind: string): Promise<SpawnedServer> {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', bind], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await waitForFirstPort(child, /port (\d+)/);
  // pyenv shims exec the real interpreter, so child.pid is the server itself.
  return { child, pid: child.pid!, port, stop: stopper(child) };
}

/**
 * A `node` launcher with its cwd in `launcherCwd` that starts the server in `serverCwd`: the server is only
 * related to the workspace through its parent.
 */
export async function startServerViaLauncher(launcherCwd: string, serverCwd: string): Promise<SpawnedServer & { serverPid: number }> {
  const launcher = `
const { spawn } = require('child_process');
const child = spawn(process.execPath, ['-e', ${JSON.stringify(NODE_SERVER_SOURCE)}, '127.0.0.1', '0', ''],
  { cwd: ${JSON.stringify(serverCwd)}, stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', (d) => process.stdout.write(String(d).replace('PORT=', 'CHILD=' + child.pid + ' PORT=')));
process.on('SIGTERM', () => { child.kill('SIGTERM'); child.on('exit', () => process.exit(0)); });
`;
  const child = spawn(process.execPath, ['-e', launcher], { cwd: launcherCwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  const port = await waitForFirstPort(child, /PORT=(\d+)/);
  const serverPid = Number(/CHILD=(\d+)/.exec(output)?.[1]);
  return { child, pid: child.pid!, serverPid, port, stop: stopper(child) };
}

export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
