// Parsers on recorded /proc and ss outputs (test/fixtures/proc): 6.18 recorded on this machine, older ones written
// to the formats of those kernels and iproute2 versions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { counterDeltas, parseProcNetCounters, pickTrackedCounters } from '../../../src/system/procNetCounters';
import { ListenerQueueTracker, listenerKey } from '../../../src/diagnosis/listenerQueues';
import { parseListenPrefix, type ListenRow } from '../../../src/system/procNetListen';
import { parseSockstatTimeWait } from '../../../src/system/sockstat';
import { countTimeWaitRows } from '../../../src/diagnosis/timeWait';
import { parseOpenFileLimit } from '../../../src/system/processLimits';
import { parseSsListen, splitSsAddress } from '../../../src/system/ssListen';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/proc', name), 'utf8');

test('/proc/net/netstat 6.18: every TcpExt name gets its value', () => {
  const text = fixture('proc-net-netstat-linux6.18.txt');
  const t = parseProcNetCounters(text);
  const [names, values] = text.split('\n').filter((l) => l.startsWith('TcpExt:')).map((l) => l.split(/\s+/).slice(1));
  assert.equal(Object.keys(t.TcpExt).length, names.length);
  names.forEach((n, i) => assert.equal(t.TcpExt[n], Number(values[i]), n));
  assert.equal(t.TcpExt.ListenOverflows, 0);
  assert.ok('MPTcpExt' in t && 'IpExt' in t);
});

test('/proc/net/netstat 4.15 and /proc/net/snmp: tracked counters by kernel name', () => {
  const c = pickTrackedCounters(parseProcNetCounters(fixture('proc-net-netstat-linux4.15.txt')), parseProcNetCounters(fixture('proc-net-snmp-linux4.15.txt')));
  assert.equal(c.ListenOverflows, 731);
  assert.equal(c.ListenDrops, 731);
  assert.equal(c.SyncookiesSent, 17);
  assert.equal(c.SyncookiesFailed, 2);
  assert.equal(c.TCPReqQFullDoCookies, 17);
  assert.equal(c.TCPSynRetrans, 1450);
  assert.equal(c.EstabResets, 1203);
  assert.equal(c.OutRsts, 4012);
  assert.equal(c.ActiveOpens, 120331);
});

test('snmp: Ip/Tcp/Udp sections parsed separately (same names in several sections)', () => {
  const t = parseProcNetCounters(fixture('proc-net-snmp-linux6.18.txt'));
  assert.equal(t.Tcp.RtoMax, 120000);
  assert.equal(t.Tcp.MaxConn, -1);
  assert.equal(t.Udp.InErrors, 0);
  assert.equal(t.Ip.DefaultTTL, 64);
});

test('counterDeltas: after - before, never negative, only shared names', () => {
  assert.deepEqual(counterDeltas({ A: 5, B: 10, C: 1 }, { A: 9, B: 3, D: 4 }), { A: 4, B: 0 });
});

test('ss -ltnp (iproute2 6.1, recorded): v4, dual-stack *, v6-only [::], [::1], v4-mapped, process', () => {
  const ls = parseSsListen(fixture('ss-ltnp-linux6.18-iproute6.1.txt'));
  const by = (port: number) => ls.find((l) => l.port === port)!;
  assert.equal(ls.length, 6);
  assert.deepEqual({ ...by(41005), processes: by(41005).processes[0].name }, { address: '127.0.0.1', device: undefined, port: 41005, queued: 0, backlog: 3, dualStack: false, processes: 'node' });
  assert.equal(by(41001).address, '*');
  assert.equal(by(41001).dualStack, true);
  assert.equal(by(41002).address, '::');
  assert.equal(by(41002).dualStack, false);
  assert.equal(by(41004).address, '::1');
  assert.equal(by(41004).backlog, 7);
  assert.equal(by(41003).address, '::ffff:127.0.0.1');
  assert.equal(by(2024).processes.length, 0, 'process of another pid namespace is not shown');
});

test('ss -ltnp (iproute2 4.15): old "*" and ":::" wildcards, %lo, full queue', () => {
  const ls = parseSsListen(fixture('ss-ltnp-linux4.15-iproute4.15.txt'));
  assert.equal(ls.length, 6);
  const node = ls.find((l) => l.port === 3000)!;
  assert.equal(node.queued, 129);
  assert.equal(node.backlog, 128);
  assert.deepEqual(node.processes, [{ name: 'node', pid: 2401 }]);
  const v6any = ls.find((l) => l.address === '::' && l.port === 22)!;
  assert.equal(v6any.dualStack, true, 'unbracketed ::: of old ss says nothing about v6only');
  const resolved = ls.find((l) => l.port === 53)!;
  assert.equal(resolved.address, '127.0.0.53');
  assert.equal(resolved.device, 'lo');
  assert.equal(ls.find((l) => l.port === 5432)!.address, '::1');
});

test('ss -ltnp (iproute2 5.15): several owners, uvicorn, v4-mapped; ss -ltn 5.5 and Netid header', () => {
  const ls = parseSsListen(fixture('ss-ltnp-linux5.15-iproute5.15.txt'));
  const vite = ls.find((l) => l.port === 5173)!;
  assert.deepEqual(vite.processes.map((p) => p.pid), [4388, 4390]);
  assert.equal(vite.queued, 12);
  assert.equal(ls.find((l) => l.port === 8001)!.address, '::1');
  assert.equal(ls.find((l) => l.port === 4000)!.address, '::ffff:127.0.0.1');
  assert.equal(parseSsListen(fixture('ss-ltn-linux5.4-iproute5.5.txt')).length, 4);
  const netid = parseSsListen(fixture('ss-ltn-netid-header.txt'));
  assert.deepEqual(netid.map((l) => `${l.address}:${l.port}/${l.backlog}`), ['127.0.0.1:8080/511', '::1:8080/511']);
});

test('splitSsAddress rejects garbage', () => {
  assert.equal(splitSsAddress('nonsense'), undefined);
  assert.equal(splitSsAddress('1.2.3.4:99999'), undefined);
  assert.deepEqual(splitSsAddress('[fe80::1%eth0]:80'), { address: 'fe80::1', port: 80, device: 'eth0', bracketed: true });
});

test('TIME-WAIT: the total from sockstat, the target\'s own from ss rows (the client side holds a local port)', () => {
  assert.equal(parseSockstatTimeWait('sockets: used 17\nTCP: inuse 1 orphan 0 tw 28000 alloc 1 mem 214\nUDP: inuse 0 mem 0\n'), 28000);
  assert.equal(parseSockstatTimeWait('TCP6: inuse 0\n'), undefined);
  const ss = ['0      0          127.0.0.1:3000     127.0.0.1:40000', '0      0          127.0.0.1:40001    127.0.0.1:3000', '0 0 [::1]:40002 [::1]:3000', '0 0 127.0.0.1:8080 127.0.0.1:40003', ''].join('\n');
  assert.deepEqual(countTimeWaitRows(ss, 3000), { onPort: 3, clientSide: 2 });
});

test('/proc/self/limits: Max open files', () => {
  assert.deepEqual(parseOpenFileLimit(fixture('proc-self-limits-linux6.18.txt')), { soft: 20000, hard: 20000 });
  assert.deepEqual(parseOpenFileLimit(fixture('proc-self-limits-ulimit1024.txt')), { soft: 1024, hard: 524288 });
  assert.deepEqual(parseOpenFileLimit('Max open files            unlimited            unlimited            files'), { soft: undefined, hard: undefined });
  assert.equal(parseOpenFileLimit('nothing'), undefined);
});

test('LISTEN rows: parsing stops at the first row in another state, a partial line waits for the next read', () => {
  const rows: ListenRow[] = [];
  const text = fixture('proc-net-tcp-linux6.18.txt');
  const cut = text.indexOf('\n', text.indexOf('   1:')) - 20;
  const first = parseListenPrefix(text.slice(0, cut), 4, rows);
  assert.equal(first.ended, false);
  assert.equal(rows.length, 1, 'the second row is cut and waits');
  const second = parseListenPrefix(first.rest + text.slice(cut), 4, rows);
  assert.equal(second.ended, true);
  assert.deepEqual(rows.map((r) => `${r.address}:${r.port}`), ['0.0.0.0:2024', '127.0.0.1:41005']);
  const v6: ListenRow[] = [];
  parseListenPrefix(fixture('proc-net-tcp6-linux6.18.txt'), 6, v6);
  assert.deepEqual(v6.map((r) => r.address), ['::', '::', '::1', '::ffff:7f00:1']);
});

test('queue tracker: every listener\'s peak and full polls; the target\'s window peak for the chart; dual-stack "*" is "::"', () => {
  const known = [
    { address: '*', port: 5000, backlog: 128, pid: 7, process: 'flask' },
    { address: '127.0.0.1', port: 8001, backlog: 5 },
  ];
  const t = new ListenerQueueTracker(known, new Set([listenerKey('*', 5000)]));
  const row = (address: string, port: number, queued: number, family: 4 | 6 = 4): ListenRow => ({ family, address, port, queued });
  t.observe([row('::', 5000, 10, 6), row('127.0.0.1', 8001, 6), row('127.0.0.1', 9999, 0)]);
  t.observe([row('::', 5000, 3, 6), row('127.0.0.1', 8001, 5), row('127.0.0.1', 7000, 2)]);
  assert.deepEqual(t.takeWindowPeak(), { length: 10, capacity: 128 });
  assert.equal(t.takeWindowPeak(), undefined, 'a window starts empty');
  assert.equal(t.polls, 2);
  assert.deepEqual(t.summary(), [
    { address: '127.0.0.1', port: 8001, capacity: 5, peak: 6, fullPolls: 2, polls: 2, target: false, pid: undefined, process: undefined },
    { address: '::', port: 5000, capacity: 128, peak: 10, fullPolls: 0, polls: 2, target: true, pid: 7, process: 'flask' },
    { address: '127.0.0.1', port: 7000, capacity: undefined, peak: 2, fullPolls: 0, polls: 1, target: false, pid: undefined, process: undefined },
  ]);
});
