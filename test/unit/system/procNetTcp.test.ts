// The one /proc/net/tcp{,6} parser: synthetic lines in the kernel's format and tables recorded on Linux 6.18.
// The live tables are read in test/integration/system/liveKernelTables.test.ts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeProcAddress, parseProcNetTcp, TCP_STATE } from '../../../src/system/procNetTcp';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/proc', name), 'utf8');
const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe('address decoding', () => {
  it('decodes little- and big-endian words of IPv4 and IPv6, IPv6 in its compressed form', () => {
    assert.equal(decodeProcAddress('0100007F', true), '127.0.0.1');
    assert.equal(decodeProcAddress('00000000', true), '0.0.0.0');
    assert.equal(decodeProcAddress('7F000001', false), '127.0.0.1');
    assert.equal(decodeProcAddress('0100007F', false), '1.0.0.127', 'big-endian hosts print the bytes in order');
    assert.equal(decodeProcAddress('00000000000000000000000001000000', true), '::1');
    assert.equal(decodeProcAddress('00000000000000000000000000000000', true), '::');
    assert.equal(decodeProcAddress('0000000000000000FFFF00000100007F', true), '::ffff:7f00:1');
  });
});

describe('parseProcNetTcp', () => {
  it('reads every field a caller uses, and skips the header and odd lines', () => {
    const text = [
      HEADER,
      '   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000005 00:00000000 00000000  1000        0 4242 1 0 100 0 0 10 0',
      '   1: 0100007F:9C41 0100007F:0BB8 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0',
      '   2: 0100007F:0BB8 0100007F:9C42 01 00000010:00000000 01:00000014 00000000  1000        0 5151 1 0 20 4 30 10 -1',
      'garbage',
      '   3: 0100007F',
    ].join('\n');
    assert.deepEqual(parseProcNetTcp(text, 4, true), [
      { family: 4, localAddress: '127.0.0.1', localPort: 3000, remoteAddress: '0.0.0.0', remotePort: 0, state: TCP_STATE.LISTEN, rxQueue: 5, txQueue: 0, inode: 4242 },
      { family: 4, localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 3000, state: TCP_STATE.TIME_WAIT, rxQueue: 0, txQueue: 0, inode: 0 },
      { family: 4, localAddress: '127.0.0.1', localPort: 3000, remoteAddress: '127.0.0.1', remotePort: 40002, state: TCP_STATE.ESTABLISHED, rxQueue: 0, txQueue: 16, inode: 5151 },
    ]);
  });

  it('recorded tables of Linux 6.18: listeners on v4, v6, v4-mapped and the wildcard', () => {
    const v4 = parseProcNetTcp(fixture('proc-net-tcp-linux6.18.txt'), 4, true);
    const v6 = parseProcNetTcp(fixture('proc-net-tcp6-linux6.18.txt'), 6, true);
    const l = v4.find((r) => r.localPort === 41005)!;
    assert.deepEqual([l.localAddress, l.state, l.rxQueue, l.family], ['127.0.0.1', TCP_STATE.LISTEN, 0, 4]);
    assert.equal(v6.find((r) => r.localPort === 41004)!.localAddress, '::1');
    assert.equal(v6.find((r) => r.localPort === 41003)!.localAddress, '::ffff:7f00:1');
    assert.equal(v6.find((r) => r.localPort === 41001)!.localAddress, '::');
    assert.ok(v6.every((r) => r.family === 6));
  });
});
