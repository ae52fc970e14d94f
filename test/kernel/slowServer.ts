// A deliberately slow HTTP server for the kernel scenarios: a small listen() backlog and an event loop that is
// busy for `busyMs` per request, so accept() falls behind and the kernel's queues fill. Prints "listening" once up.
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

const [port, backlog, busyMs, host, mode] = [Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5] ?? '127.0.0.1', process.argv[6]];

/**
 * mode "client-closes": answer keep-alive and never close first, so the client closes and its side keeps the
 * TIME-WAIT (and the local port), as with a client that drops connections itself.
 */
const clientCloses = () =>
  createTcpServer((socket) => {
    let buffered = '';
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: keep-alive\r\n\r\nok\n');
      }
    });
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
  });

const server = mode === 'client-closes' ? clientCloses() : createServer((_req, res) => {
  const until = Date.now() + busyMs;
  while (Date.now() < until) {
    // Busy on purpose: a blocked event loop is the common way a dev server stops accepting.
  }
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  res.end('ok\n');
});
server.listen({ port, host, backlog: backlog > 0 ? backlog : undefined }, () => process.stdout.write('listening\n'));
// Never outlive the scenario that started it.
setTimeout(() => process.exit(0), 60_000).unref();
process.on('SIGTERM', () => process.exit(0));
