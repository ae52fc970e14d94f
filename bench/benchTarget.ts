// The one server every generator loads: our own nginx instance (own config, pid file and loopback port) serving a
// static 5312-byte page, or a small Node server where nginx is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchTarget {
  url: string;
  description: string;
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
    url: `http://127.0.0.1:${port}/`,
    description: `nginx (own instance, pid ${pid}), static ${PAGE_BYTES}-byte page`,
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
    url: `http://127.0.0.1:${port}/`,
    description: `Node http server in the bench process (nginx not installed), ${PAGE_BYTES}-byte page`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startBenchTarget(): Promise<BenchTarget> {
  const nginx = findNginx();
  return nginx ? startNginx(nginx) : startNodeServer();
}
