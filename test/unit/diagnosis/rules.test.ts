// The rules on synthetic inputs: each fires on its own evidence, stays quiet on noise, and a healthy run yields nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preflightFindings, runFindings } from '../../../src/diagnosis/applyRules';
import type { Finding } from '../../../src/shared/findings';
import { facts } from './diagnosisFactsFixture';
import { runResult } from './runResultFixture';

const fast = Array.from({ length: 150 }, (_, i) => 0.2 + (i % 5) * 0.05);
/** Connect times of an overloaded run: most fast, many on the 1 s and 2 s retransmits. */
const clustered = [...fast, ...Array.from({ length: 40 }, (_, i) => 1003 + i), ...Array.from({ length: 8 }, (_, i) => 2010 + i * 3)];
const overflowDeltas = { ListenOverflows: 285, ListenDrops: 285, SyncookiesSent: 33, SyncookiesRecv: 197, TCPReqQFullDoCookies: 33, TCPSynRetrans: 56, TCPTimeouts: 163, EstabResets: 6, OutRsts: 6 };
const ids = (fs: Finding[]) => fs.map((f) => f.id).sort();
const get = (fs: Finding[], id: string) => fs.find((f) => f.id === id)!;

test('healthy run: no preflight, no finding', () => {
  const f = facts();
  assert.deepEqual(preflightFindings(f), []);
  assert.deepEqual(runFindings(f, runResult(), []), []);
});

test('noise: other traffic overflowing some other listener does not blame a healthy run', () => {
  const f = facts({ counterDeltas: { ...facts().counterDeltas, ListenOverflows: 3, ListenDrops: 3, TCPReqQFullDoCookies: 2, SyncookiesSent: 2, TCPAbortOnClose: 4 } });
  assert.deepEqual(runFindings(f, runResult(), []), []);
});

test('accept-queue overflow, listen() argument as the limit (Node backlog 4 < somaxconn 4096)', () => {
  const base = facts();
  const f = facts({
    target: { ...base.target, connections: 50 },
    listeners: [{ ...base.listeners[0], backlog: 4 }],
    listenersOnPort: [{ ...base.listeners[0], backlog: 4 }],
    counterDeltas: { ...base.counterDeltas, ...overflowDeltas },
    samples: [{ tMs: 250, deltas: {}, acceptQueue: { length: 5, capacity: 4 } }],
    synFloodLines: ['[ 1.0] TCP: request_sock_TCP: Possible SYN flooding on port 127.0.0.1:3000. Sending cookies.'],
  });
  const pre = preflightFindings(f);
  assert.deepEqual(ids(pre), ['backlog-below-concurrency']);
  const out = runFindings(f, runResult({ connectMs: clustered, connectingAtStopMs: [2786, 1767, 300] }), pre);
  assert.deepEqual(ids(out), ['accept-queue-overflow', 'starved-connections', 'syn-queue-cookies', 'syn-retransmit-delays']);
  const o = get(out, 'accept-queue-overflow');
  assert.equal(o.severity, 'error');
  assert.match(o.explanation, /listen\(\) backlog argument \(4\)/);
  assert.ok(o.evidence.some((e) => e.label === 'ListenOverflows' && e.value === 285 && e.source.startsWith('/proc/net/netstat TcpExt.ListenOverflows')));
  assert.equal(o.fixes[0].snippet, "server.listen({ port: 3000, host: '127.0.0.1', backlog: 4096 })", 'Node recognised from argv; the host kept');
  assert.match(o.fixes[0].detail ?? '', /The server passes 4 to listen\(\)/, 'says what the code passes, not 511');
  assert.deepEqual(o.subjects?.[0], { kind: 'listen-backlog', port: 3000, pid: 4242, effective: 4, listenArgument: 4, suggested: 4096 });
  const r = get(out, 'syn-retransmit-delays');
  assert.ok(r.evidence.some((e) => e.label === 'Connects at ~1 s' && Number(e.value) >= 35));
  assert.ok(r.evidence.some((e) => e.label === 'Connects at ~2 s' && Number(e.value) >= 4));
  // One definition of a slow connect: the overflow's count is the one the retransmit finding counts within.
  const slow = o.evidence.find((e) => e.label === 'Slow connects (>= 0.9 s)')?.value;
  assert.equal(r.evidence.find((e) => e.label === 'Slow connects (>= 0.9 s)')?.value, slow);
  assert.match(r.title, new RegExp(`^\\d+ of ${slow} slow connects waited for a SYN retransmission`));
  // Symptoms point at the overflow's fixes by its title, never by a rule id.
  assert.deepEqual(get(out, 'syn-retransmit-delays').fixes.map((x) => x.title), [`Fix the accept-queue overflow first: see "${o.title}"`]);
  assert.equal(get(out, 'starved-connections').evidence[0].value, 2, 'only connects waiting >= 0.9 s count');
  // Symptoms point at the overflow by its title: what a user reads holds no finding id.
  assert.equal(r.fixes[0].title, `Fix the accept-queue overflow first: see "${o.title}"`);
  const shown = JSON.stringify(out.map(({ title, explanation, evidence, fixes }) => ({ title, explanation, evidence, fixes })));
  for (const id of ids(out)) assert.ok(!shown.includes(id), `"${id}" appears in the text of the findings`);
});

test('somaxconn as the limit: Send-Q equals somaxconn; the sysctl fix comes with a restart note', () => {
  const base = facts({}, { 'net.core.somaxconn': '8' });
  const l = { ...base.listeners[0], backlog: 8 };
  const f = facts({ target: { ...base.target, connections: 50 }, listeners: [l], listenersOnPort: [l], counterDeltas: { ...base.counterDeltas, ...overflowDeltas } }, { 'net.core.somaxconn': '8' });
  const o = get(runFindings(f, runResult({ connectMs: clustered }), []), 'accept-queue-overflow');
  assert.match(o.explanation, /The limit is net\.core\.somaxconn \(8\).*\(511\)/);
  assert.equal(o.fixes[0].command, 'sudo sysctl -w net.core.somaxconn=4096');
  assert.deepEqual(o.fixes[0].persistent, { file: '/etc/sysctl.d/90-load-test-localhost.conf', content: 'net.core.somaxconn = 4096\n' });
  assert.match(o.fixes[0].title, /restart the server/);
  assert.equal(o.fixes.length, 2, "Node's 511 already holds 50 connections: the sysctl, then 'accept faster'");
  assert.equal(o.fixes[1].kind, 'advice');
});

test('syncookies=0: SYN drops; turning cookies back on is offered', () => {
  const base = facts({}, { 'net.ipv4.tcp_syncookies': '0' });
  const f = { ...base, counterDeltas: { ...base.counterDeltas, ListenOverflows: 115, ListenDrops: 150, TCPReqQFullDrop: 35, TCPSynRetrans: 87 } };
  const out = runFindings(f, runResult({ connectMs: clustered }), []);
  const d = get(out, 'syn-queue-drops');
  assert.equal(d.severity, 'error');
  assert.ok(d.evidence.some((e) => e.label === 'ListenDrops - ListenOverflows' && e.value === 35));
  assert.ok(d.fixes.some((x) => x.command === 'sudo sysctl -w net.ipv4.tcp_syncookies=1'));
  assert.ok(!ids(out).includes('syn-queue-cookies'));
});

test('abort_on_overflow=1 vs late resets from failed cookies', () => {
  const base = facts();
  const deltas = { ...base.counterDeltas, ListenOverflows: 200, ListenDrops: 200, EmbryonicRsts: 6, OutRsts: 11 };
  const abort = runFindings(facts({ counterDeltas: deltas }, { 'net.ipv4.tcp_abort_on_overflow': '1' }), runResult({ errors: { ECONNRESET: 6 } }), []);
  assert.ok(ids(abort).includes('abort-on-overflow-resets'));
  assert.ok(!ids(abort).includes('resets-after-overflow'));
  assert.equal(get(abort, 'abort-on-overflow-resets').fixes[0].command, 'sudo sysctl -w net.ipv4.tcp_abort_on_overflow=0');
  const late = runFindings(facts({ counterDeltas: { ...deltas, EmbryonicRsts: 0, SyncookiesFailed: 4 } }), runResult({ errors: { ECONNRESET: 4 } }), []);
  assert.ok(ids(late).includes('resets-after-overflow'));
  assert.ok(!ids(late).includes('abort-on-overflow-resets'));
  assert.ok(get(late, 'resets-after-overflow').evidence.some((e) => e.label === 'SyncookiesFailed' && e.value === 4));
});

test('server closing with unread data: resets without overflow, TCPAbortOnClose rising', () => {
  const base = facts();
  const out = runFindings({ ...base, counterDeltas: { ...base.counterDeltas, TCPAbortOnClose: 12 } }, runResult({ errors: { ECONNRESET: 12 } }), []);
  assert.deepEqual(ids(out), ['server-closed-unread-data']);
  const noAbort = runFindings(base, runResult({ errors: { ECONNRESET: 12 } }), []);
  assert.deepEqual(ids(noAbort), [], 'no kernel evidence, no claim');
});

test('ephemeral ports and TIME-WAIT; open-file limit', () => {
  const base = facts();
  const eaddr = runFindings({ ...base, timeWait: { total: 28000, onPort: 27990, clientSide: 27990 } }, runResult({ errors: { EADDRNOTAVAIL: 40 } }), []);
  const e = get(eaddr, 'ephemeral-port-exhaustion');
  assert.equal(e.severity, 'error');
  assert.ok(e.evidence.some((x) => x.label === 'TIME-WAIT sockets holding a local port towards the target' && x.value === 27990));
  assert.ok(e.fixes.some((x) => x.command === 'sudo sysctl -w net.ipv4.ip_local_port_range="1024 65535"'));
  const busy = { ...base, timeWait: { total: 15000, onPort: 15000, clientSide: 15000 } };
  assert.deepEqual(runFindings(busy, runResult(), []), [], 'tcp_tw_reuse=2 lets loopback connections reuse them');
  const noReuse = { ...busy, settings: { ...busy.settings, 'net.ipv4.tcp_tw_reuse': '0' } };
  assert.equal(get(runFindings(noReuse, runResult(), []), 'ephemeral-port-exhaustion').severity, 'warning');
  const serverSide = { ...noReuse, timeWait: { total: 15000, onPort: 15000, clientSide: 0 } };
  assert.deepEqual(runFindings(serverSide, runResult(), []), [], 'server-side TIME-WAIT holds no client port');

  const tight = facts({ target: { ...base.target, connections: 1000 }, openFileLimit: { soft: 1024, hard: 524288 } });
  const pre = preflightFindings(tight);
  assert.ok(ids(pre).includes('open-file-limit'));
  const emfile = runFindings(tight, runResult({ errors: { EMFILE: 5 } }), pre);
  assert.equal(get(emfile, 'open-file-limit').severity, 'error');
  assert.equal(get(emfile, 'open-file-limit').fixes[0].command, 'ulimit -n 65535');
  const hardLow = facts({ target: { ...base.target, connections: 100 }, openFileLimit: { soft: 80, hard: 80 } });
  assert.match(get(runFindings(hardLow, runResult({ errors: { EMFILE: 5 } }), []), 'open-file-limit').fixes[0].command!, /^sudo prlimit .*--nofile=65535:65535/);
  const notHit = runFindings(tight, runResult(), pre);
  assert.equal(get(notHit, 'open-file-limit').severity, 'info', 'a warning the run did not bear out drops to info');
});

test('localhost resolving to ::1 while the server listens on 127.0.0.1 only', () => {
  const base = facts();
  const f = { ...base, target: { ...base.target, host: 'localhost', addresses: ['::1', '127.0.0.1'] } };
  const pre = preflightFindings(f);
  assert.equal(get(pre, 'localhost-family-mismatch').severity, 'warning');
  const refused = runFindings(f, runResult({ errors: { ECONNREFUSED: 30 } }), pre);
  const m = get(refused, 'localhost-family-mismatch');
  assert.equal(m.severity, 'error');
  assert.match(m.title, /::1/);
  assert.ok(m.evidence.some((e) => e.label === 'ECONNREFUSED errors' && e.value === 30));
  const onlyV6 = { ...f, target: { ...f.target, addresses: ['::1'] } };
  assert.equal(get(preflightFindings(onlyV6), 'localhost-family-mismatch').severity, 'error', 'nothing reachable at all');
  const dual = { ...f, listeners: [{ ...base.listeners[0], address: '*', dualStack: true }], listenersOnPort: [{ ...base.listeners[0], address: '*', dualStack: true }] };
  assert.deepEqual(preflightFindings(dual), []);
});

test('no listener: warned before, an error only if the run was refused', () => {
  const f = facts({ listeners: [], listenersOnPort: [] });
  const pre = preflightFindings(f);
  assert.deepEqual(ids(pre), ['no-listener']);
  assert.deepEqual(runFindings(f, runResult(), pre), []);
  assert.equal(get(runFindings(f, runResult({ errors: { ECONNREFUSED: 3 } }), pre), 'no-listener').severity, 'error');
  assert.deepEqual(preflightFindings({ ...f, listenersReadable: false }), [], 'unknown is not "none"');
});

test('a rule that throws becomes a note, not a crash', () => {
  const failures: string[] = [];
  const broken = facts({ counterDeltas: null as never });
  assert.doesNotThrow(() => runFindings(broken, runResult(), [], failures));
  assert.ok(failures.length > 0);
});

// Issue 12: the overflow counters count every listener of the namespace; the polled queues say whose they were.
const queue = (port: number, capacity: number, peak: number, fullPolls: number, target: boolean, process?: string) => ({
  address: '127.0.0.1',
  port,
  capacity,
  peak,
  fullPolls,
  polls: 30,
  target,
  pid: process ? 77 : undefined,
  process,
});

test('attribution: another listener seen full, the target never: no overflow finding for the target, the other one named', () => {
  const base = facts({}, { 'net.core.somaxconn': '128' });
  const l = { ...base.listeners[0], backlog: 128 };
  const f = facts(
    {
      listeners: [l],
      listenersOnPort: [l],
      counterDeltas: { ...base.counterDeltas, ...overflowDeltas, ListenOverflows: 575, ListenDrops: 575 },
      queues: { listeners: [queue(8001, 5, 6, 41, false, 'python3'), queue(3000, 128, 10, 0, true, 'node')], polls: 50, pollMs: 100 },
    },
    { 'net.core.somaxconn': '128' },
  );
  const out = runFindings(f, runResult({ connectMs: clustered }), []);
  assert.ok(!ids(out).includes('accept-queue-overflow'), ids(out).join());
  assert.ok(!ids(out).includes('syn-queue-cookies'));
  const e = get(out, 'overflow-elsewhere');
  assert.equal(e.severity, 'info');
  assert.match(e.title, /575 times on this machine: port 8001 \(python3, pid 77\) was seen full, port 3000 never/);
  assert.match(e.explanation, /cannot fill port 3000's queue by themselves, so nothing shows that port 3000 overflowed/);
  assert.ok(e.evidence.some((x) => x.label === 'Longest accept queue seen on port 3000' && x.value === '10/128'));
  assert.deepEqual(e.subjects, undefined, 'no hint on the target\'s listen() call');
});

test('attribution: nobody seen full and the run cannot fill the target: the counters rose, the target is not blamed', () => {
  const base = facts();
  const f = facts({
    counterDeltas: { ...base.counterDeltas, ...overflowDeltas },
    queues: { listeners: [queue(3000, 511, 4, 0, true)], polls: 30, pollMs: 100 },
  });
  const out = runFindings(f, runResult({ errors: { ECONNRESET: 3 } }), []);
  assert.deepEqual(ids(out), ['overflow-elsewhere']);
  assert.match(get(out, 'overflow-elsewhere').title, /but port 3000's was never seen full/);
  assert.match(get(out, 'overflow-elsewhere').explanation, /No other listener was seen full either/);
});

/** 50 connections against the target's queue of 4, overflow counters up, the given queues polled 30 times. */
function overloadedTarget(listeners: ReturnType<typeof queue>[]) {
  const base = facts();
  const l = { ...base.listeners[0], backlog: 4 };
  return facts({
    target: { ...base.target, connections: 50 },
    listeners: [l],
    listenersOnPort: [l],
    counterDeltas: { ...base.counterDeltas, ...overflowDeltas },
    queues: { listeners, polls: 30, pollMs: 100 },
  });
}

test('attribution: the run can fill the target but no poll saw it full: blamed, and the evidence says it filled between polls', () => {
  const f = overloadedTarget([queue(3000, 4, 0, 0, true)]);
  const o = get(runFindings(f, runResult({ connectMs: clustered }), []), 'accept-queue-overflow');
  const seen = o.evidence.find((x) => x.label === 'Longest accept queue seen')!;
  assert.equal(seen.value, '0/4; it filled between polls (ListenOverflows rose by 285)');
  assert.match(seen.source, /every 100 ms \(30 polls\)/);
});

test('attribution: the target seen full is blamed even when another listener was full too', () => {
  const f = overloadedTarget([queue(3000, 4, 5, 12, true), queue(8001, 5, 6, 3, false)]);
  const out = runFindings(f, runResult({ connectMs: clustered }), []);
  assert.ok(ids(out).includes('accept-queue-overflow') && !ids(out).includes('overflow-elsewhere'));
  assert.ok(get(out, 'accept-queue-overflow').evidence.some((x) => x.label === 'Accept queue seen full' && x.value === '5/4 in 12 of 30 polls (Linux takes one more than the backlog before it is full)'));
});

test('SYN cookies without a new kernel log line: the evidence says the kernel names a listener only once', () => {
  const base = facts();
  const shape = {
    target: { ...base.target, connections: 50 },
    listeners: [{ ...base.listeners[0], backlog: 4 }],
    listenersOnPort: [{ ...base.listeners[0], backlog: 4 }],
    counterDeltas: { ...base.counterDeltas, ...overflowDeltas },
    samples: [{ tMs: 250, deltas: {}, acceptQueue: { length: 5, capacity: 4 } }],
  };
  const run = runResult({ connectMs: clustered });
  const once = (f: ReturnType<typeof facts>) =>
    get(runFindings(f, run, []), 'syn-queue-cookies').evidence.filter((e) => /once per listening socket/.test(String(e.value)));
  assert.equal(once(facts({ ...shape, synFloodLines: [], kernelLogRead: true })).length, 1, 'log read, no line: said');
  assert.equal(once(facts({ ...shape, synFloodLines: [], kernelLogRead: false })).length, 0, 'log not read: a blind spot says so instead');
  const line = '[ 1.0] TCP: request_sock_TCP: Possible SYN flooding on port 127.0.0.1:3000. Sending cookies.';
  assert.equal(once(facts({ ...shape, synFloodLines: [line], kernelLogRead: true })).length, 0, 'the line itself is the evidence');
});
