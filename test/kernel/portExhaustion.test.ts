// Ports exhausted: in a private network namespace with ten local ports, twenty connections. The connects that find
// no port fail as EADDRNOTAVAIL in the connect phase, back off instead of spinning, and the run still ends on time
// with every request accounted for.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunResult } from '../../src/shared/result';
import { kernelTestSkipReason, withNetns } from './netns';

const entry = join(__dirname, '../support/cliFromSources.ts');

function inNamespace(ns: string, args: string[]): { exited: Promise<number | null>; kill(): void; output: () => string } {
  const child = spawn('ip', ['netns', 'exec', ns, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return { exited: new Promise((resolve) => child.on('close', resolve)), kill: () => child.kill(), output: () => output };
}

describe('ports exhausted', { skip: kernelTestSkipReason() }, () => {
  it('counts EADDRNOTAVAIL in the connect phase, keeps loading with the ports there are, and ends on time', async () => {
    await withNetns({ 'net.ipv4.ip_local_port_range': '40000 40009' }, async (ns) => {
      const server = inNamespace(ns, [process.execPath, '-e', "require('http').createServer((q, s) => s.end('ok')).listen(8080, '127.0.0.1', () => console.log('listening'))"]);
      try {
        while (!server.output().includes('listening')) await new Promise((resolve) => setTimeout(resolve, 50));
        const file = join(mkdtempSync(join(tmpdir(), 'ltl-ports-')), 'r.json');
        const t0 = Date.now();
        const cli = inNamespace(ns, [process.execPath, '--import', 'tsx', entry, 'http://127.0.0.1:8080/', '-c', '20', '-d', '2s', '-k', '--json', file, '-q', '--no-diagnosis']);
        const code = await cli.exited;
        const took = Date.now() - t0;
        assert.equal(code, 0, cli.output());
        assert.ok(took < 2000 + 15_000, `took ${took} ms`);
        const result = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
        const r = result.requests;
        assert.equal(r.started, r.ok + r.failed + r.inFlight);
        assert.ok(r.ok > 0, 'the connections that got a port kept working');
        assert.ok((result.errors.byCause.EADDRNOTAVAIL ?? 0) > 0, JSON.stringify(result.errors.detail));
        assert.equal(result.errors.byPhase.connect, r.failed);
        assert.ok(result.connections.maxOpen! <= 10, `at most 10 ports: ${result.connections.maxOpen}`);
      } finally {
        server.kill();
        await server.exited;
      }
    });
  });
});
