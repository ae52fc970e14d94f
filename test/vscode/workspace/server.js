// A minimal dev server for the extension to discover and load-test. Loopback only; PORT from env.
// Optional, for UI tests that need trouble to show: BACKLOG (listen backlog), CPU_MS (busy CPU per request, like a
// server rendering a page), SLOW_AFTER + SLOW_MS (requests after the first SLOW_AFTER answer SLOW_MS later: stalled
// requests at the end of a run).
const http = require('node:http');

const port = Number(process.env.PORT ?? 3000);
const backlog = process.env.BACKLOG ? Number(process.env.BACKLOG) : undefined; // Node's default is 511
const cpuMs = Number(process.env.CPU_MS ?? 0);
const slowAfter = process.env.SLOW_AFTER ? Number(process.env.SLOW_AFTER) : Infinity;
const slowMs = Number(process.env.SLOW_MS ?? 0);
let served = 0;

const server = http.createServer((req, res) => {
  const answer = () => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello from the fixture dev server\n');
  };
  const until = Date.now() + cpuMs;
  while (Date.now() < until);
  if (++served > slowAfter) setTimeout(answer, slowMs);
  else answer();
});
server.listen(port, '127.0.0.1', backlog ?? 511, () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
