// The demo's sample dev server: plain Node http with a small listen backlog and a little CPU work per request,
// like a dev server rendering a page. Under `ab -c 50` without keep-alive its accept queue overflows.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    backlog: { type: 'string', default: '511' },
    'work-ms': { type: 'string', default: '1' },
  },
});
const workMs = Number(values['work-ms']);
const page = Buffer.from(`<!doctype html><title>Sample dev server</title><h1>Hello from the sample dev server</h1>${'<p>lorem ipsum</p>'.repeat(280)}`);

const server = createServer((req, res) => {
  // Busy-wait: the event loop (and so accept()) is blocked while "rendering", as in a real SSR dev server.
  const until = performance.now() + workMs;
  while (performance.now() < until);
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
  res.end(page);
});
server.listen({ port: Number(values.port), host: values.host, backlog: Number(values.backlog) }, () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
