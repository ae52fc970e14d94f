// The servers every generator loads, each serving the same static 5312-byte page on its own loopback port:
// - nginx: our own instance (own config, pid file), one worker per core: a server that needs little CPU;
// - node: a single-threaded Node http server in its own process, the typical CPU-bound dev server;
// - python: python3's ThreadingHTTPServer with request_queue_size 4096 (HTTP/1.0: it closes every connection).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchTargetName = 'nginx' | 'node' | 'python';

export interface BenchTarget {
  name: BenchTargetName;
  url: string;
  description: string;
  /** False for a server that closes every connection: keep-alive cannot be measured on it. */
  keepAlive: boolean;
  stop(): Promise<void>;
}

export const PAGE_BYTES = 5312;

function staticPage(): Buffer {
  const head = '<!doctype html><title>bench</title><p>';
  return Buffer.from(head + 'x'.repeat(PAGE_BYTES - head.length));
}

async function freeLoopbackPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  return undefined;
}

async function startNginx(binary: string): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-bench-nginx-'));
  // nginx started as root serves as an unprivileged user, which must be able to read the page.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'index.html'), staticPage());
  const port = await freeLoopbackPort();
  const pidFile = join(dir, 'nginx.pid');
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  // One worker per core (as deployed), no access log, keep-alive for the whole run.
  const config = `
worker_processes auto;
pid ${pidFile};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  server {
    listen 127.0.0.1:${port} backlog=4096;
    root ${dir};
  }
}
`;
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, config);
  execFileSync(binary, ['-c', configFile, '-p', dir], { stdio: 'pipe' });
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return {
    name: 'nginx',
    keepAlive: true,
    url: `http://127.0.0.1:${port}/`,
    description: `nginx (own instance, pid ${pid}, one worker per core), static ${PAGE_BYTES}-byte page`,
    async stop() {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startNodeServer(): Promise<BenchTarget> {
  const page = staticPage();
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
    res.end(page);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    name: 'nginx',
    keepAlive: true,
    url: `http://127.0.0.1:${port}/`,
    description: `Node http server in the bench process (nginx not installed), ${PAGE_BYTES}-byte page`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server in a child process of its own; resolves once it prints its ready line. */
async function startChildServer(command: string, args: string[], cwd: string, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 10 s`)), 10_000);
    const onData = (d: Buffer) => {
      if (!ready.test(d.toString())) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  return child;
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The single-threaded Node dev server: one process, one event loop, as `node server.js` or a framework's dev mode. */
async function startNodeDevServer(): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-bench-node-'));
  writeFileSync(join(dir, 'index.html'), staticPage());
  const port = await freeLoopbackPort();
  const script = `
const page = require('fs').readFileSync('index.html');
const server = require('http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
  res.end(page);
});
server.keepAliveTimeout = 60000;
server.listen({ port: ${port}, host: '127.0.0.1', backlog: 4096 }, () => console.log('listening'));`;
  const child = await startChildServer(process.execPath, ['-e', script], dir, /listening/);
  return {
    name: 'node',
    keepAlive: true,
    url: `http://127.0.0.1:${port}/`,
    description: `single-threaded Node ${process.version} http server (own process, pid ${child.pid}), ${PAGE_BYTES}-byte page`,
    stop: () => stopChild(child, dir),
  };
}

/** python3's http.server with a listen backlog of 4096 (its default of 5 would measure the kernel, not the server). */
async function startPythonServer(): Promise<BenchTarget | undefined> {
  if (spawnSync('python3', ['--version']).status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ltl-bench-python-'));
  writeFileSync(join(dir, 'index.html'), staticPage());
  const port = await freeLoopbackPort();
  const script = `
import http.server, sys
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 4096
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
server = Server(("127.0.0.1", ${port}), Quiet)
print("listening", flush=True)
server.serve_forever()`;
  const child = await startChildServer('python3', ['-c', script], dir, /listening/);
  return {
    name: 'python',
    keepAlive: false,
    url: `http://127.0.0.1:${port}/index.html`,
    description: `python3 http.server (ThreadingHTTPServer, request_queue_size 4096, own process, pid ${child.pid}; HTTP/1.0: a connection per request), ${PAGE_BYTES}-byte page`,
    stop: () => stopChild(child, dir),
  };
}

export async function startBenchTarget(name: BenchTargetName = 'nginx'): Promise<BenchTarget | undefined> {
  if (name === 'node') return startNodeDevServer();
  if (name === 'python') return startPythonServer();
  const nginx = findNginx();
  return nginx ? startNginx(nginx) : startNodeServer();
}
