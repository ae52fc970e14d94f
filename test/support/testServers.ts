// Real servers on loopback for the engine's tests, each misbehaving in one known way.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function track(server: Server, host: string): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function httpServer(handler: (req: IncomingMessage, res: ServerResponse, index: number) => void, host = '127.0.0.1'): Promise<RunningServer> {
  let index = 0;
  const server = createHttpServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    // Read the request body fully so that closing never races with unread data.
    req.resume();
    req.on('end', () => handler(req, res, index++));
  });
  return track(server, host);
}

/** A server that speaks raw bytes: for HTTP/1.0, garbage, and never-answering peers. */
export function rawServer(onConnection: (socket: Socket) => void, host = '127.0.0.1'): Promise<RunningServer> {
  return track(createNetServer(onConnection), host);
}

export const fixedDelayServer = (delayMs: number, body = 'ok') =>
  httpServer((_req, res) => {
    setTimeout(() => res.end(body), delayMs);
  });

/** Every `every`-th request is answered with a TCP RST instead of a response. */
export const resettingServer = (every: number) =>
  httpServer((req, res, index) => {
    if (index % every === every - 1) req.socket.resetAndDestroy();
    else res.end('ok');
  });

/** Sends headers promising `length` bytes, half the body, then closes. */
export const closeMidBodyServer = (length: number) =>
  httpServer((_req, res) => {
    res.writeHead(200, { 'content-length': length });
    res.write(Buffer.alloc(Math.floor(length / 2), 'a'));
    setTimeout(() => res.socket?.destroy(), 5);
  });

export const neverAnswersServer = () => rawServer((socket) => socket.resume());

/** An endless chunked body. */
export const endlessBodyServer = () =>
  httpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(1024, 'z');
    const timer = setInterval(() => res.write(chunk), 5);
    res.on('close', () => clearInterval(timer));
  });

/** HTTP/1.0 without keep-alive: one response per connection, then close. */
export const http10Server = () =>
  rawServer((socket) => {
    let seen = '';
    socket.on('data', (data) => {
      seen += data.toString('latin1');
      if (seen.includes('\r\n\r\n')) socket.end('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello');
    });
  });

/** A body with neither a length nor chunks: it ends when the server closes the connection. */
export const untilCloseServer = (body: string) =>
  rawServer((socket) => {
    let seen = '';
    socket.on('data', (data) => {
      seen += data.toString('latin1');
      if (seen.includes('\r\n\r\n')) socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`);
    });
  });

export const garbageServer = () =>
  rawServer((socket) => {
    socket.once('data', () => socket.end('this is not http\r\n\r\n'));
  });

export const chunkedServer = (chunks: number, chunkSize: number) =>
  httpServer((_req, res) => {
    const chunk = Buffer.alloc(chunkSize, 'c');
    for (let i = 0; i < chunks; i++) res.write(chunk);
    res.end();
  });

export const largeBodyServer = (size: number) => {
  const body = Buffer.alloc(size, 'L');
  return httpServer((_req, res) => res.end(body));
};
