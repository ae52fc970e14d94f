// The CLI without a URL, as a user runs it in a project folder: real processes, real sockets, real /proc.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { DiscoveryListing } from '../../../src/cli/discoveryListing';

// The CLI from its sources, load threads included (test/support/cliFromSources.ts).
const entry = join(__dirname, '../../support/cliFromSources.ts');
// The CLI runs with its cwd in the project folder, where `--import tsx` would not resolve.
const tsx = pathToFileURL(require.resolve('tsx')).href.replace(/\/dist\/[^/]+$/, '/dist/loader.mjs');
const skip = process.platform !== 'linux' ? 'reads /proc' : undefined;

function cli(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, entry, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const SERVER = "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); });\n";

function folder(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-cli-discover-')));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function startServer(cwd: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['server.js'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve({ child, port: Number(d.toString().trim()) }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('load-test-localhost without a URL', { skip }, () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('--discover --json lists the running server with port, framework, process, backlog and how it was found', async () => {
    const dir = folder({ 'server.js': SERVER, 'package.json': '{"scripts":{"dev":"node server.js"}}' });
    dirs.push(dir);
    const { child, port } = await startServer(dir);
    try {
      const { code, stdout } = await cli(dir, ['--discover', '--json']);
      assert.equal(code, 0);
      const listing = JSON.parse(stdout) as DiscoveryListing;
      const server = listing.servers.find((s) => s.port === port);
      assert.ok(server, `port ${port} listed: ${stdout}`);
      assert.equal(server.running, true);
      assert.equal(server.framework, 'node');
      assert.equal(server.pid, child.pid);
      assert.match(server.commandLine ?? '', /server\.js/);
      assert.equal(server.backlog, 511, "Node's default, read with ss");
      assert.match(server.foundBy, new RegExp(`cwd ${dir}`));
      assert.deepEqual(listing.startable.map((s) => s.command), ['npm run dev']);

      const text = await cli(dir, ['--discover']);
      assert.match(text.stdout, new RegExp(`http://127\\.0\\.0\\.1:${port}/  node\\n\\s+process  pid ${child.pid} .*server\\.js\\n\\s+backlog  511`));

      const run = await cli(dir, ['-c', '2', '-n', '20', '--no-diagnosis', '--no-color']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`Found http://127\\.0\\.0\\.1:${port}/ running from ${dir}`));
      assert.match(run.stdout, /started 20\s+ok 20/);
    } finally {
      child.kill();
    }
  });

  it('with nothing running: one line, exit 3, and the dev script is not started', async () => {
    const marker = 'started-by-the-tool';
    const dir = folder({ 'package.json': JSON.stringify({ scripts: { dev: `node -e "require('fs').writeFileSync('${marker}', '')"` } }) });
    dirs.push(dir);
    const { code, stdout, stderr } = await cli(dir, ['-n', '10']);
    assert.equal(code, 3);
    assert.equal(stdout, '');
    assert.equal(stderr, `load-test-localhost: No dev server is running from ${dir}; --start runs \`npm run dev\`\n`);
    assert.equal(existsSync(join(dir, marker)), false, 'no script ran');
  });

  it('--start runs the dev script, load-tests it, then stops it', async () => {
    const dir = folder({ 'server.js': SERVER, 'package.json': '{"scripts":{"dev":"node server.js"}}' });
    dirs.push(dir);
    const { code, stdout, stderr } = await cli(dir, ['--start', '-c', '2', '-n', '20', '--no-diagnosis', '--no-color']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Starting `npm run dev`/);
    assert.match(stdout, /started 20\s+ok 20/);
    const port = Number(/Found http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr)?.[1]);
    assert.ok(port > 0, stderr);
    assert.equal(await accepts(port), false, 'the started server was stopped');
  });

  it('usage errors are one line with exit 2', async () => {
    const dir = folder({});
    dirs.push(dir);
    const { code, stderr } = await cli(dir, ['--discover', 'http://localhost:1/']);
    assert.equal(code, 2);
    assert.equal(stderr, 'load-test-localhost: --discover takes no URL, got: http://localhost:1/ (see --help)\n');
  });
});
