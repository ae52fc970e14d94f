// `npm run demo`: starts the sample dev server and load-tests it twice with the CLI, as a user would:
// a quick keep-alive run, then "ab -c 50 -n 1000" (a new connection per request) that overflows its listen backlog.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';

async function main(): Promise<void> {
  const backlog = 16;
  const server = spawn(process.execPath, [join(__dirname, 'sampleDevServer.js'), '--backlog', String(backlog), '--work-ms', '2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.stdout!.once('data', (data) => resolve(Number(String(data).trim())));
    });
    const url = `http://localhost:${port}/`;
    const say = (text: string) => process.stdout.write(`\n\x1b[1m== ${text}\x1b[22m\n\n`);
    say(`Sample dev server (Node http, listen backlog ${backlog}, ~2 ms of work per request) at ${url}`);
    say(`load-test-localhost ${url} -c 10 -d 3s   (keep-alive)`);
    await runCli([url, '-c', '10', '-d', '3s']);
    say(`load-test-localhost ${url} -c 50 -n 1000 --no-keepalive   (what ab -c 50 -n 1000 does)`);
    await runCli([url, '-c', '50', '-n', '1000', '--no-keepalive', '-d', '60s']);
  } finally {
    server.kill('SIGTERM');
  }
}

void main();
