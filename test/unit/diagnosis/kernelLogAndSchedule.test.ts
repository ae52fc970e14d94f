import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dmesgTimestamp, kmsgLine, linesAfter, synFloodLines, synFloodSentCookies } from '../../../src/diagnosis/kernelLog';
import { retransmitWindowMs, synRetransmitSchedule, synRetransmitScheduleOf } from '../../../src/shared/synRetransmitSchedule';

const dmesg = readFileSync(join(__dirname, '../../fixtures/proc/dmesg-synflood.txt'), 'utf8');

test('SYN flooding lines for the port only: new (address:port), IPv6, and old (port only) formats', () => {
  const lines = synFloodLines(dmesg.split('\n'), 3000);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => synFloodSentCookies(l)));
  const other = synFloodLines(dmesg.split('\n'), 30000);
  assert.equal(other.length, 1, '30000 is not 3000');
  assert.ok(!synFloodSentCookies(other[0]));
  assert.equal(synFloodLines(dmesg.split('\n'), 8080).length, 1);
});

test('only lines after the remembered position count', () => {
  assert.equal(dmesgTimestamp('[ 1402.120331] x'), 1402.120331);
  assert.equal(linesAfter(dmesg, { lastTimestamp: 1402.5 }).length, 4);
  const last = '[ 1402.901223] TCP: request_sock_TCP: Possible SYN flooding on port [::1]:3000. Sending cookies.';
  assert.equal(linesAfter(dmesg.replace(/^\[[^\]]*\] /gm, ''), { lastLine: last.replace(/^\[[^\]]*\] /, '') }).length, 3);
});

test('a /dev/kmsg record reads as the dmesg line, without its key=value lines', () => {
  const record = '6,977,28308780404,-;TCP: request_sock_TCP: Possible SYN flooding on port 127.0.0.1:3000. Sending cookies.\n SUBSYSTEM=net\n';
  const line = kmsgLine(record)!;
  assert.equal(line, '[28308.780404] TCP: request_sock_TCP: Possible SYN flooding on port 127.0.0.1:3000. Sending cookies.');
  assert.deepEqual(synFloodLines([line], 3000), [line]);
  assert.equal(dmesgTimestamp(line), 28308.780404);
  assert.equal(kmsgLine('4,12,5000123,c;early\n'), '[    5.000123] early', 'seconds padded to five places, as dmesg does');
  assert.equal(kmsgLine('no fields here'), undefined);
  assert.equal(kmsgLine('6,1,x,-;text'), undefined);
});

test('SYN retransmit schedule: linear (Linux >= 6.5, default 4) and exponential', () => {
  assert.deepEqual(synRetransmitSchedule(6, 4), [1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
  assert.deepEqual(synRetransmitSchedule(6, undefined), [1, 3, 7, 15, 31, 63]);
  assert.deepEqual(synRetransmitSchedule(6, 0), [1, 3, 7, 15, 31, 63]);
  assert.deepEqual(synRetransmitSchedule(2, 1), [1, 2, 4], 'N=1: two 1 s steps, then doubling');
  const [lo, hi] = retransmitWindowMs(1);
  assert.ok(lo < 1000 && hi >= 1300 && hi < 2000);
});

test('the panel draws the schedule the diagnosis computed from tcp_syn_retries, not an assumed 6 retries', () => {
  assert.deepEqual(synRetransmitScheduleOf({ settings: {}, synRetransmitScheduleSeconds: [1, 2, 4] }), [1, 2, 4]);
  // A result saved before the report carried the schedule: the same computation from its settings.
  const settings = { 'net.ipv4.tcp_syn_retries': '3\n', 'net.ipv4.tcp_syn_linear_timeouts': '1' };
  assert.deepEqual(synRetransmitScheduleOf({ settings }), [1, 2, 4, 8]);
  assert.deepEqual(synRetransmitScheduleOf({ settings: { 'net.ipv4.tcp_syn_retries': '2' } }), [1, 3]);
  // Never read (macOS, no diagnosis): no markers rather than guessed ones.
  assert.deepEqual(synRetransmitScheduleOf({ settings: {} }), []);
  assert.deepEqual(synRetransmitScheduleOf(undefined), []);
});
