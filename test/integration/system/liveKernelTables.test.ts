// The parsers of /proc/net/tcp{,6}, lsof -F and ss -ltne, checked against the real tables with a real socket.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { readProcListeners } from '../../../src/discovery/listeningSockets';
import { findSocketOwners } from '../../../src/system/procSocketOwners';
import { parseLsofListen } from '../../../src/system/lsofListeners';
import { backlogFor, readSsListen } from '../../../src/system/ssBacklog';
import { parseSsListen } from '../../../src/system/ssListen';
import { parseStatPpid, readLinuxProcessInfo } from '../../../src/system/procProcessInfo';
import { readProcNetTcp, TCP_STATE } from '../../../src/system/procNetTcp';
import { readProcCommandLine } from '../../../src/system/procCommandLine';

const linux = process.platform === 'linux';

function listen(host: string, backlog?: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen({ host, port: 0, backlog }, () => resolve(server));
  });
}
const portOf = (server: Server) => (server.address() as { port: number }).port;

describe('process and command-line tables', () => {
  it('reads the ppid after a command name containing spaces and parentheses', () => {
    assert.equal(parseStatPpid('1234 (my (odd) name) S 99 1234 1234 0 -1'), 99);
  });
});

describe('real kernel tables', { skip: !linux }, () => {
  let v4: Server;
  let v6: Server;
  before(async () => {
    v4 = await listen('127.0.0.1', 23);
    v6 = await listen('::1');
  });
  after(() => {
    v4.close();
    v6.close();
  });

  it('finds our own sockets in /proc/net/tcp and tcp6, owned by this process', async () => {
    const listeners = await readProcListeners();
    const mine4 = listeners.find((l) => l.port === portOf(v4));
    const mine6 = listeners.find((l) => l.port === portOf(v6));
    assert.deepEqual(mine4 && { address: mine4.address, family: mine4.family }, { address: '127.0.0.1', family: 4 });
    assert.deepEqual(mine6 && { address: mine6.address, family: mine6.family }, { address: '::1', family: 6 });
    const owners = await findSocketOwners(new Set([mine4!.inode, mine6!.inode]));
    assert.deepEqual(owners.pidsByInode.get(mine4!.inode), [process.pid]);
    assert.deepEqual(owners.pidsByInode.get(mine6!.inode), [process.pid]);
  });

  it('reads this process: ppid, argv, cwd', async () => {
    const info = await readLinuxProcessInfo(process.pid);
    assert.equal(info?.ppid, process.ppid);
    assert.equal(info?.cwd, process.cwd());
    assert.match(info?.argv[0] ?? '', /node/);
    assert.ok(info?.argv.some((a) => a.endsWith('liveKernelTables.test.ts')));
  });

  it('answers undefined for a process that is gone', async () => {
    assert.equal(await readLinuxProcessInfo(2 ** 22 + 12345), undefined);
  });

  it('reads the backlog from ss -ltne by inode', async (t) => {
    const rows = await readSsListen();
    if (!rows) return t.skip('ss is not installed');
    const inode = (await readProcListeners()).find((l) => l.port === portOf(v4))!.inode;
    const somaxconn = Number(execFileSync('cat', ['/proc/sys/net/core/somaxconn']).toString());
    assert.equal(backlogFor(rows, { address: '127.0.0.1', port: portOf(v4), inode }), Math.min(23, somaxconn));
    assert.equal(backlogFor(rows, { address: '127.0.0.1', port: portOf(v4) }), Math.min(23, somaxconn));
  });

  it('parses real lsof -F output to the same sockets and pid', (t) => {
    let text: string;
    try {
      text = execFileSync('lsof', ['-iTCP', '-sTCP:LISTEN', '-P', '-n', '-F', 'pctn', '-a', '-p', String(process.pid)]).toString();
    } catch {
      return t.skip('lsof is not installed');
    }
    const parsed = parseLsofListen(text);
    const mine4 = parsed.find((l) => l.port === portOf(v4));
    const mine6 = parsed.find((l) => l.port === portOf(v6));
    assert.deepEqual(mine4 && [mine4.address, mine4.family, mine4.pids], ['127.0.0.1', 4, [process.pid]]);
    assert.deepEqual(mine6 && [mine6.address, mine6.family, mine6.pids], ['::1', 6, [process.pid]]);
  });
});

describe('text parsers', () => {
  it('parses lsof wildcards and shared sockets', () => {
    const text = ['p100', 'cnode', 'f20', 'tIPv6', 'n*:5173', 'f21', 'tIPv4', 'n*:5173', 'p101', 'cnode', 'f20', 'tIPv6', 'n*:5173', ''].join('\n');
    const parsed = parseLsofListen(text);
    assert.deepEqual(
      parsed.map((l) => [l.address, l.port, l.family, l.pids]),
      [
        ['::', 5173, 6, [100, 101]],
        ['0.0.0.0', 5173, 4, [100]],
      ],
    );
  });

  it('parses ss rows with brackets, wildcards and interfaces', () => {
    const text = [
      'State  Recv-Q Send-Q Local Address:Port Peer Address:Port',
      'LISTEN 0      511        127.0.0.1:3000      0.0.0.0:*    ino:111 sk:1',
      'LISTEN 2      4096           [::1]:5173         [::]:*    ino:222 sk:2',
      'LISTEN 0      128                *:8080            *:*    ino:333 sk:3',
      'LISTEN 0      4096   127.0.0.53%lo:53        0.0.0.0:*    ino:444 sk:4',
    ].join('\n');
    assert.deepEqual(
      parseSsListen(text).map((r) => [r.address, r.port, r.queued, r.backlog, r.inode]),
      [
        ['127.0.0.1', 3000, 0, 511, 111],
        ['::1', 5173, 2, 4096, 222],
        ['*', 8080, 0, 128, 333],
        ['127.0.0.53', 53, 0, 4096, 444],
      ],
    );
  });
});

describe('the live /proc/net/tcp tables', { skip: process.platform !== 'linux' }, () => {
  const servers: Server[] = [];
  const listen = (host: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer().once('error', reject);
      server.listen({ host, port: 0 }, () => resolve(server));
      servers.push(server);
    });
  let v4: Server;
  let v6: Server;
  before(async () => {
    v4 = await listen('127.0.0.1');
    v6 = await listen('::1');
  });
  after(() => servers.forEach((s) => s.close()));

  it('has our own listening sockets, with inodes', async () => {
    const rows = (await readProcNetTcp())!;
    const find = (server: Server) => rows.find((r) => r.state === TCP_STATE.LISTEN && r.localPort === (server.address() as { port: number }).port);
    assert.deepEqual([find(v4)?.localAddress, find(v4)?.family], ['127.0.0.1', 4]);
    assert.deepEqual([find(v6)?.localAddress, find(v6)?.family], ['::1', 6]);
    assert.ok(find(v4)!.inode > 0 && find(v6)!.inode > 0);
  });

  it('says undefined where there are no tables', async () => {
    assert.equal(await readProcNetTcp('/nonexistent'), undefined);
  });
});

describe('/proc/<pid>/cmdline', () => {
  it('reads a real process (this one) and gives up on a missing pid', { skip: process.platform !== 'linux' }, async () => {
    const argv = await readProcCommandLine(process.pid);
    assert.ok(argv && argv[0]!.includes('node'));
    assert.ok(argv.some((a) => a.endsWith('liveKernelTables.test.ts')));
    assert.equal(await readProcCommandLine(2 ** 22 + 12345), undefined);
  });
});
