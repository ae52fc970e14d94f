// The sampler keeps /proc/net/tcp{,6}, netstat, snmp and sockstat open for a whole run and reads them again from
// their start (procFile.ts). Against the real tables: each read through the same descriptor is the table now, not
// what it was when opened, and close() lets the descriptors go.
import { strict as assert } from 'node:assert';
import { readdirSync, readlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { ListenRowReader } from '../../../src/system/procNetListen';
import { closeCounterFiles, openCounterFiles, readLinuxCountersFrom } from '../../../src/system/procNetCounters';
import { openSockstat, readTimeWaitFrom } from '../../../src/system/sockstat';

const linux = process.platform === 'linux';

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen({ host, port: 0, backlog: 7 }, () => resolve(server));
  });
}
const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/** Descriptors of this process open on /proc/<pid>/net/* (what /proc/net resolves to). */
function openProcNetFiles(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return /^\/proc\/\d+\/net\//.test(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return false;
    }
  }).length;
}

describe('/proc files kept open across samples', { skip: linux ? undefined : 'Linux only' }, () => {
  it('a listener started and stopped after the first read shows up, then goes, through the same descriptors', async () => {
    const before = openProcNetFiles();
    const reader = new ListenRowReader();
    try {
      const rows0 = reader.read([4, 6])!;
      assert.ok(rows0, 'the tables are readable');
      const server = await listen('127.0.0.1');
      const port = portOf(server);
      assert.equal(rows0.filter((r) => r.port === port).length, 0);
      const rows1 = reader.read([4, 6])!;
      assert.deepEqual(
        rows1.filter((r) => r.port === port).map((r) => [r.family, r.address, r.queued]),
        [[4, '127.0.0.1', 0]],
        'the new listener, read through descriptors opened before it existed',
      );
      assert.equal(openProcNetFiles(), before + 2, 'tcp and tcp6 stay open between reads');
      await close(server);
      assert.equal(reader.read([4, 6])!.filter((r) => r.port === port).length, 0, 'gone after it closed');
    } finally {
      reader.close();
    }
    assert.equal(openProcNetFiles(), before, 'closed again');
  });

  it('counters and TIME-WAIT read again through one descriptor move with the kernel', async () => {
    const before = openProcNetFiles();
    const files = openCounterFiles();
    const sockstat = openSockstat();
    try {
      const first = readLinuxCountersFrom(files);
      assert.deepEqual(first.notes, []);
      const opens = first.counters.PassiveOpens;
      assert.equal(typeof opens, 'number');
      assert.equal(typeof readTimeWaitFrom(sockstat), 'number');
      // Three accepted connections: Tcp PassiveOpens rises by at least three (other tests may add more).
      const server = await listen('127.0.0.1');
      await Promise.all(
        [1, 2, 3].map(
          () =>
            new Promise<void>((resolve, reject) => {
              const socket = connect(portOf(server), '127.0.0.1');
              socket.once('error', reject);
              socket.once('close', () => resolve());
              socket.resume();
            }),
        ),
      );
      await close(server);
      const second = readLinuxCountersFrom(files);
      assert.ok(second.counters.PassiveOpens! >= opens! + 3, `PassiveOpens ${opens} → ${second.counters.PassiveOpens}`);
      assert.equal(openProcNetFiles(), before + 3, 'netstat, snmp and sockstat stay open');
    } finally {
      closeCounterFiles(files);
      sockstat.close();
    }
    assert.equal(openProcNetFiles(), before);
  });
});
