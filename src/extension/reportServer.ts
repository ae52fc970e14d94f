// In a remote window (code-server, SSH, a dev container) an exported report sits on the remote machine, where the
// user's browser cannot open it as file://. It is served over loopback at an unguessable path for a while, and
// opened through asExternalUri, which VS Code forwards to the browser (code-server: its /proxy/<port>/ route).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** Long enough to open the report and reload it a few times; the server then closes by itself. */
const SERVE_FOR_MS = 10 * 60_000;

export interface ServedReport {
  /** http://127.0.0.1:<port>/ */
  origin: string;
  /** <token>/<file name>, relative to the origin */
  path: string;
  /** origin + path */
  url: string;
  close(): void;
}

/** Serves exactly one file, read once, at one random path on 127.0.0.1; anything else is a 404. */
export async function serveReport(filePath: string, lifetimeMs = SERVE_FOR_MS): Promise<ServedReport> {
  const body = await readFile(filePath);
  const relative = `${randomBytes(16).toString('hex')}/${encodeURIComponent(path.basename(filePath))}`;
  const route = `/${relative}`;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === route) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const close = () => void server.close();
  setTimeout(close, lifetimeMs).unref();
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { origin, path: relative, url: `${origin}${relative}`, close };
}
