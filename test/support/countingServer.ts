// A real loopback server that keeps its own count of requests and TCP connections, and the last request it got:
// the independent count an exported or imported run is checked against.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  origin: string;
  requests: number;
  connections: number;
  last?: { method: string; url: string; headers: IncomingHttpHeaders; body: string };
  /**
   * Waits until every connection of an earlier run has closed (a request that was in flight when that run stopped
   * is then counted or gone), then zeroes the counts.
   */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function countingServer(): Promise<CountingServer> {
  const state = { requests: 0, connections: 0 } as CountingServer;
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      state.last = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      res.end('ok');
    });
  });
  let open = 0;
  let onQuiet: (() => void) | undefined;
  server.on('connection', (socket) => {
    state.connections++;
    open++;
    socket.once('close', () => {
      if (--open === 0) onQuiet?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.reset = async () => {
    if (open > 0) await new Promise<void>((resolve) => (onQuiet = resolve));
    onQuiet = undefined;
    state.requests = 0;
    state.connections = 0;
    state.last = undefined;
  };
  state.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return state;
}
