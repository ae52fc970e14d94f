// Every bad input gets one clear line and exit 2 before any load: never a stack trace, never a partial run.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as servers from '../../support/testServers';
import { cli, type CliRun } from '../../support/cliProcess';

describe('CLI bad-input table: one clear line, exit 2, no stack trace, no load', () => {
  let server: servers.RunningServer;
  let served = 0;
  before(async () => {
    server = await servers.httpServer((_req, res) => {
      served++;
      res.end('ok');
    });
  });
  after(() => server.close());

  const dir = mkdtempSync(join(tmpdir(), 'ltl-cli-bad-'));
  const table: Array<[string, (url: string) => string[], RegExp]> = [
    ['-n past what the engine holds (2^31)', (u) => [u, '-n', '2147483648'], /requests must be a whole number from 1 to 2000000000/],
    ['-n 2^32 (used to never stop)', (u) => [u, '-n', '4294967296'], /requests must be/],
    ['-n 2^32 + 1 (used to run 1)', (u) => [u, '-n', '4294967297'], /requests must be/],
    ['-d 597h (a timer overflow)', (u) => [u, '-d', '597h'], /duration must be at most 24 h, got 597 h/],
    ['-c -1', (u) => [u, '-c', '-1'], /connections must be a whole number from 1 to 10000, got -1/],
    ['-c 0', (u) => [u, '-c', '0'], /connections must be/],
    ['-c 1e3', (u) => [u, '-c', '1e3'], /-c must be a number/],
    ['--timeout beyond an hour', (u) => [u, '--timeout', '99999999999'], /response timeout must be at most 1 h/],
    ['-R 0', (u) => [u, '-R', '0'], /rate must be a positive number/],
    ['--json in a missing directory', (u) => [u, '--json', join(dir, 'missing', 'r.json')], /--json .* cannot be written .*no such directory/],
    ['--json naming a directory', (u) => [u, '--json', dir], /is a directory/],
    ['--json where nothing can be written', (u) => [u, '--json', '/proc/ltl-result.json'], /--json \/proc\/ltl-result\.json cannot be written/],
    ['a header value with an escape sequence', (u) => [u, '-H', 'X-Title: a\x1b]0;TITLE\x07\x1b[2J'], /contains a control character/],
    ['a header value with a line break', (u) => [u, '-H', 'X-A: a\r\nInjected: 1'], /contains a control character/],
    ['a header without a colon', (u) => [u, '-H', 'nocolon'], /not a header/],
    ['--http2 with http://', (u) => [u, '--http2'], /HTTP\/2 is offered over TLS only/],
    ['an unknown HTTP client', (u) => [u, '--http-client', 'curl'], /sockets" or "undici"/],
    ['too many workers', (u) => [u, '--workers', '100'], /workers must be 0 to 64/],
    ['a method with a space', (u) => [u, '-m', 'GE T'], /not an HTTP method/],
    ['a missing body file', (u) => [u, '--body-file', join(dir, 'none.bin')], /Cannot read the body file/],
    ['an ftp:// URL', () => ['ftp://127.0.0.1/'], /Only http:\/\/ and https:\/\//],
    ['a non-loopback target', () => ['http://192.0.2.10:8080/'], /: 192\.0\.2\.10 is not loopback\. /],
    ['a v4-mapped public address, said once', () => ['http://[::ffff:8.8.8.8]/'], /: ::ffff:808:808 is not loopback\. /],
    ['an unknown option', (u) => [u, '--bogus'], /bogus/],
    ['two URLs', (u) => [u, u], /One URL at a time/],
  ];
  // Each row is a process (~3 s of tsx start-up on a busy machine): started four at a time before the checks.
  const runs = new Map<string, Promise<CliRun>>();
  before(() => {
    const lanes: Array<Promise<unknown>> = Array.from({ length: 4 }, () => Promise.resolve());
    table.forEach(([what, argv], i) => {
      const run = lanes[i % 4].then(() => cli(argv(server.url)));
      lanes[i % 4] = run;
      runs.set(what, run);
    });
  });

  for (const [what, , message] of table) {
    it(what, async () => {
      const run = await runs.get(what)!;
      assert.equal(run.code, 2, `${run.stderr}${run.stdout}`);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line: ${JSON.stringify(run.stderr)}`);
      assert.match(lines[0], /^load-test-localhost: /);
      assert.match(lines[0], message);
      assert.doesNotMatch(run.stderr, /\x1b|\n\s+at /, 'no escape sequence, no stack trace');
    });
  }

  it('no request reached the server', async () => {
    await Promise.all(runs.values());
    assert.equal(served, 0);
  });

  it('leaves no file behind for a refused --json', () => {
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(existsSync('/proc/ltl-result.json'), false);
  });
});
