// Against the real kernel: each test gets its own network namespace (own counters, own sysctls), a slow server with
// a small backlog, and a bounded load test through runLoadTest. The diagnosis must name what the kernel really did.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { test } from 'node:test';
import { kernelTestSkipReason, runScenario, withNetns, type ScenarioOutput } from './netns';

const skip = kernelTestSkipReason();
const overload = { backlog: 4, busyMs: 20, connections: 50, durationMs: 3000, keepAlive: false };

function find(o: ScenarioOutput, id: string) {
  return o.result.findings.find((f) => f.id === id);
}
function evidence(o: ScenarioOutput, id: string, label: string): number {
  const e = find(o, id)?.evidence.find((x) => x.label === label);
  assert.ok(e, `${id} has evidence "${label}"`);
  return Number(e.value);
}
function log(name: string, o: ScenarioOutput): void {
  const deltas = Object.fromEntries(Object.entries(o.result.kernel.counterDeltas).filter(([, v]) => v > 0));
  console.log(`[${name}] findings=${o.result.findings.map((f) => `${f.id}:${f.severity}`).join(',')} deltas=${JSON.stringify(deltas)} errors=${JSON.stringify(o.result.errors.byCause)} connectingAtStop=${o.result.connections.connectingAtStop} kernelLog=${JSON.stringify(o.result.kernel.kernelLog.lines)}`);
}

test('accept-queue overflow with default sysctls names the listen() argument as the limit', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({}, (ns) => runScenario(ns, { ...overload, port: randomInt(20000, 60000) }));
  log('default', o);
  assert.equal(o.result.kernel.listeners[0]?.backlog, 4, 'ss Send-Q shows the listen() argument');
  assert.ok(o.preflight.some((f) => f.id === 'backlog-below-concurrency'), 'warned before the run');
  const f = find(o, 'accept-queue-overflow');
  assert.ok(f, 'accept-queue-overflow finding');
  assert.equal(f.severity, 'error');
  assert.match(f.explanation, /listen\(\) backlog argument \(4\)/);
  assert.ok(evidence(o, 'accept-queue-overflow', 'ListenOverflows') > 0);
  assert.equal(evidence(o, 'accept-queue-overflow', 'ListenOverflows'), o.result.kernel.counterDeltas.ListenOverflows);
  assert.ok(f.subjects?.some((s) => s.kind === 'listen-backlog' && s.listenArgument === 4));
  assert.ok(o.result.kernel.samples.some((s) => s.acceptQueue && s.acceptQueue.length >= s.acceptQueue.capacity), 'queue seen full in samples');
  // The clients' connects waited for SYN retransmits (1 s, 2 s, ...).
  assert.ok(find(o, 'syn-retransmit-delays'), 'syn-retransmit-delays finding');
  assert.ok(o.result.latency.connect.max >= 900);
});

test('somaxconn below the listen() argument is named as the limit', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({ 'net.core.somaxconn': 8 }, (ns) => runScenario(ns, { ...overload, backlog: 0, port: randomInt(20000, 60000) }));
  log('somaxconn=8', o);
  assert.equal(o.result.kernel.listeners[0]?.backlog, 8, 'Node asked for 511, the kernel clamped it to somaxconn');
  const f = find(o, 'accept-queue-overflow');
  assert.ok(f, 'accept-queue-overflow finding');
  assert.match(f.explanation, /The limit is net\.core\.somaxconn \(8\)/);
  assert.ok(f.subjects?.some((s) => s.kind === 'sysctl' && s.key === 'net.core.somaxconn'));
  assert.ok(f.evidence.some((e) => e.label === 'net.core.somaxconn' && e.value === '8'));
  assert.ok(f.evidence.some((e) => e.label.startsWith('Default listen() backlog of Node') && e.value === 511), 'recognised Node from its command line');
});

test('tcp_syncookies=0: SYNs dropped when the SYN queue is full', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({ 'net.ipv4.tcp_syncookies': 0 }, (ns) => runScenario(ns, { ...overload, port: randomInt(20000, 60000) }));
  log('syncookies=0', o);
  const f = find(o, 'syn-queue-drops');
  assert.ok(f, 'syn-queue-drops finding');
  const drops = evidence(o, 'syn-queue-drops', 'TCPReqQFullDrop');
  assert.ok(drops > 0);
  // The facts doc: ListenDrops - ListenOverflows equals TCPReqQFullDrop.
  assert.equal(evidence(o, 'syn-queue-drops', 'ListenDrops - ListenOverflows'), drops);
  assert.equal(o.result.kernel.counterDeltas.SyncookiesSent ?? 0, 0, 'no cookies were sent');
  assert.equal(find(o, 'syn-queue-cookies'), undefined);
  if (o.result.kernel.kernelLog.readable) assert.ok(o.result.kernel.kernelLog.lines.some((l) => /Dropping request/.test(l)));
});

test('tcp_abort_on_overflow=1: resets at once, EmbryonicRsts rises', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({ 'net.ipv4.tcp_abort_on_overflow': 1 }, (ns) => runScenario(ns, { ...overload, port: randomInt(20000, 60000) }));
  log('abort_on_overflow=1', o);
  const f = find(o, 'abort-on-overflow-resets');
  assert.ok(f, 'abort-on-overflow-resets finding');
  assert.ok(evidence(o, 'abort-on-overflow-resets', 'EmbryonicRsts') > 0);
  assert.ok((o.result.errors.byCause.ECONNRESET ?? 0) > 0);
  assert.ok(f.subjects?.some((s) => s.kind === 'sysctl' && s.key === 'net.ipv4.tcp_abort_on_overflow'));
  assert.equal(find(o, 'resets-after-overflow'), undefined, 'the resets are blamed on the setting, not on expired cookies');
});

test('a healthy run gets no warning', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({}, (ns) =>
    runScenario(ns, { backlog: 0, busyMs: 0, connections: 10, requests: 400, durationMs: 5000, keepAlive: false, port: randomInt(20000, 60000) }),
  );
  log('healthy', o);
  assert.equal(o.result.requests.ok, 400);
  assert.deepEqual(o.preflight, []);
  assert.deepEqual(o.result.findings.map((f) => f.id), []);
  assert.equal(o.result.kernel.counterDeltas.ListenOverflows, 0);
});

test('localhost resolving to ::1 while the server listens on 127.0.0.1 only', { skip, timeout: 30_000 }, async (t) => {
  const all = await lookup('localhost', { all: true });
  if (!all.some((a) => a.address === '::1') || !all.some((a) => a.family === 4)) {
    t.skip('localhost does not resolve to both ::1 and 127.0.0.1 here (see /etc/hosts); the unit test covers the rule');
    return;
  }
  const o = await withNetns({}, (ns) =>
    runScenario(ns, { backlog: 0, busyMs: 0, connections: 2, requests: 20, durationMs: 3000, keepAlive: true, host: 'localhost', port: randomInt(20000, 60000) }),
  );
  log('localhost', o);
  const pre = o.preflight.find((f) => f.id === 'localhost-family-mismatch');
  assert.ok(pre, 'warned before the run that ::1 has no listener');
  const after = find(o, 'localhost-family-mismatch');
  assert.ok(after, 'still reported after the run');
  assert.ok(after.severity === 'info' || (o.result.errors.byCause.ECONNREFUSED ?? 0) > 0);
});

test('Python http.server (listen(5)) overflows; the advice is request_queue_size', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({}, (ns) => runScenario(ns, { server: 'python', backlog: 5, busyMs: 0, connections: 60, durationMs: 3000, keepAlive: false, port: randomInt(20000, 60000) }));
  log('python http.server', o);
  assert.equal(o.result.kernel.listeners[0]?.backlog, 5);
  const f = find(o, 'accept-queue-overflow');
  assert.ok(f, 'accept-queue-overflow finding');
  assert.ok(evidence(o, 'accept-queue-overflow', 'ListenOverflows') > 0);
  assert.match(f.fixes[0].snippet ?? '', /request_queue_size = 4096/, 'recognised python -m http.server from /proc/<pid>/cmdline');
});

test('ephemeral ports run out when the client closes first (port range of 50, tcp_tw_reuse=0)', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({ 'net.ipv4.ip_local_port_range': '40000 40049', 'net.ipv4.tcp_tw_reuse': 0 }, (ns) =>
    runScenario(ns, { backlog: 0, busyMs: 0, connections: 10, requests: 300, durationMs: 4000, keepAlive: false, mode: 'client-closes', port: randomInt(20000, 30000) }),
  );
  log('ports', o);
  assert.ok((o.result.errors.byCause.EADDRNOTAVAIL ?? 0) > 0);
  const f = find(o, 'ephemeral-port-exhaustion');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.ok(evidence(o, 'ephemeral-port-exhaustion', 'TIME-WAIT sockets holding a local port towards the target') >= 40);
});

test('open-file limit: warned before the run, EMFILE after', { skip, timeout: 30_000 }, async () => {
  const o = await withNetns({}, (ns) =>
    runScenario(ns, { backlog: 0, busyMs: 0, connections: 100, requests: 400, durationMs: 4000, keepAlive: true, nofile: 80, port: randomInt(20000, 60000) }),
  );
  log('nofile=80', o);
  assert.ok(o.preflight.some((f) => f.id === 'open-file-limit' && f.severity === 'warning'));
  assert.ok((o.result.errors.byCause.EMFILE ?? 0) > 0);
  assert.equal(find(o, 'open-file-limit')?.severity, 'error');
  assert.equal(evidence(o, 'open-file-limit', 'Open-file soft limit'), 80);
});

// Issue 12: another server overflowing in the same namespace raises the same counters. The run against a healthy
// target must not be blamed; the listener that was seen full is named instead.
test('two listeners: the overflows of another server are not blamed on the target', { skip, timeout: 40_000 }, async () => {
  const port = randomInt(20000, 40000);
  const otherPort = port + 1;
  const o = await withNetns({}, (ns) =>
    runScenario(
      ns,
      { port, backlog: 0, busyMs: 0, connections: 10, durationMs: 2500, keepAlive: false, other: { port: otherPort, backlog: 4, busyMs: 20, connections: 60 } },
      30_000,
    ),
  );
  log('two listeners', o);
  assert.ok((o.result.kernel.counterDeltas.ListenOverflows ?? 0) > 0, 'the other server really overflowed during the run');
  const queues = o.result.kernel.listenerQueues ?? [];
  const other = queues.find((q) => q.port === otherPort);
  const target = queues.find((q) => q.port === port);
  assert.ok(other && other.fullPolls > 0 && other.capacity === 4, `the other listener was seen full: ${JSON.stringify(queues)}`);
  assert.ok(target && target.target && target.fullPolls === 0 && target.capacity === 511, `the target never: ${JSON.stringify(target)}`);
  for (const id of ['accept-queue-overflow', 'syn-queue-cookies', 'syn-queue-drops', 'resets-after-overflow']) assert.equal(find(o, id), undefined, `no ${id} for the target`);
  const e = find(o, 'overflow-elsewhere');
  assert.ok(e, 'the overflows are reported as another listener\'s');
  assert.equal(e.severity, 'info');
  assert.match(e.title, new RegExp(`port ${otherPort} \\(node, pid \\d+\\) was seen full, port ${port} never`));
  assert.equal(o.result.requests.failed, 0);
});
