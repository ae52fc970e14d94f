// A deliberately slow HTTP server for the kernel scenarios: a small listen() backlog and an event loop that is
// busy for `busyMs` per request, so accept() falls behind and the kernel's queues fill. Prints "listening" once up.
import { createServer } from 'node:http';

const [port, backlog, busyMs, host] = [Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5] ?? '127.0.0.1'];
const server = createServer((req, res) => {
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
