// macOS parsers on outputs laid out by Apple's own format strings (network_cmds netstat.tproj/inet.c) and lsof's
// documented field output, and the rules' findings told in macOS's terms.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { preflightFindings, runFindings } from '../../../src/diagnosis/applyRules';
import { findingForMacos } from '../../../src/diagnosis/macos/macosFindings';
import { matchMacListeners, macListenerFacts } from '../../../src/diagnosis/macos/macosProbe';
import { fullestQueue } from '../../../src/diagnosis/macos/macSampler';
import { parseNetstatListenQueues } from '../../../src/system/netstatListenQueues';
import { parseNetstatTcpStats } from '../../../src/system/netstatTcpStats';
import { parseLsofListen } from '../../../src/system/lsofListeners';
import { parseLsofCwd } from '../../../src/system/psProcessInfo';
import { sysctlConfContent } from '../../../src/hints/findingPlacement';
import { facts } from './diagnosisFactsFixture';
import { runResult } from './runResultFixture';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/proc', name), 'utf8');

test('netstat -Lan: rows without a protocol column, IPv4, IPv6 (with scope) and "*"; header and notices skipped', () => {
  const rows = parseNetstatListenQueues(fixture('macos-netstat-Lan.txt'));
  assert.deepEqual(
    rows.map((r) => [r.address, r.port, r.queued, r.incomplete, r.limit, r.dualStack]),
    [
      ['127.0.0.1', 3000, 0, 0, 128, undefined],
      ['*', 5173, 3, 0, 128, undefined],
      ['::1', 8000, 0, 0, 128, undefined],
      ['fe80::1%lo0', 4000, 12, 2, 128, undefined],
      ['*', 22, 0, 0, 4096, undefined],
    ],
    'the "*.*" row (no port) and the "Some tcp sockets" notice are no listeners',
  );
});

test('netstat -Lan: the older BSD layout with a protocol column is still read, and tells tcp46', () => {
  const rows = parseNetstatListenQueues(fixture('bsd-netstat-Lan-older-layout.txt'));
  assert.deepEqual(rows.map((r) => [r.address, r.port, r.queued, r.limit, r.dualStack]), [
    ['*', 80, 10, 128, false],
    ['*', 5173, 0, 128, true],
    ['::1', 8000, 0, 128, false],
  ]);
});

test('a "*" listener may be either family: it is matched for IPv4 and IPv6 targets; fullest queue wins', () => {
  const all = parseNetstatListenQueues(fixture('macos-netstat-Lan.txt')).map(macListenerFacts);
  assert.deepEqual(matchMacListeners(all, 5173, ['127.0.0.1']).map((l) => l.address), ['*']);
  assert.deepEqual(matchMacListeners(all, 8000, ['127.0.0.1']), [], '::1 does not take IPv4 clients');
  assert.deepEqual(matchMacListeners(all, 8000, ['::1']).map((l) => l.address), ['::1']);
  assert.deepEqual(fullestQueue([{ ...all[0], queued: 3, backlog: 128 }, { ...all[0], queued: 7, backlog: 8 }]), { length: 7, capacity: 8 });
});

test('netstat -s -p tcp: the lines Apple prints, singular or plural; nothing else claimed', () => {
  assert.deepEqual(parseNetstatTcpStats(fixture('macos-netstat-s-p-tcp.txt')), {
    MacConnectionRequests: 1203,
    MacConnectionAccepts: 312,
    MacBadConnectionAttempts: 1,
    ListenOverflows: 12,
    MacEmbryonicDrops: 7,
    MacRetransmitTimeouts: 41,
  });
  assert.deepEqual(parseNetstatTcpStats('tcp:\n\t1 listen queue overflow\n'), { ListenOverflows: 1 });
  assert.deepEqual(parseNetstatTcpStats('tcp:\n\t1 packet sent\n'), {});
});

test('lsof -F pctn (documented field output): "*" takes its family from the t field, IPv6 in brackets', () => {
  const text = 'p501\ncnode\nf22\ntIPv6\nn*:5173\nf23\ntIPv4\nn127.0.0.1:3000\np777\ncruby\nf9\ntIPv6\nn[::1]:4000\n';
  assert.deepEqual(
    parseLsofListen(text).map((l) => [l.address, l.family, l.port, l.pids, l.command]),
    [
      ['::', 6, 5173, [501], 'node'],
      ['127.0.0.1', 4, 3000, [501], 'node'],
      ['::1', 6, 4000, [777], 'ruby'],
    ],
  );
});

test('lsof -a -p PID -d cwd -Fn: the n field of the "fcwd" file set', () => {
  assert.equal(parseLsofCwd('p501\nfcwd\nn/Users/ada/site\n'), '/Users/ada/site');
  assert.equal(parseLsofCwd('p501\nftxt\nn/usr/local/bin/node\nfcwd\nn/Users/ada/my site\n'), '/Users/ada/my site', 'spaces kept');
  assert.equal(parseLsofCwd('p501\n'), undefined);
});

const overflow = { ListenOverflows: 40, MacConnectionAccepts: 300 };
const clustered = [...Array.from({ length: 150 }, () => 0.3), ...Array.from({ length: 40 }, (_, i) => 1003 + i)];

function macFacts(connections: number) {
  const listener = { address: '*', port: 3000, backlog: 128, queued: 0, dualStack: false };
  const base = facts();
  return facts({
    platform: 'darwin',
    target: { ...base.target, connections },
    settings: { 'kern.ipc.somaxconn': '128', 'net.inet.ip.portrange.first': '49152', 'net.inet.ip.portrange.last': '65535' },
    listeners: [listener],
    listenersOnPort: [listener],
    counterDeltas: overflow,
    samples: [{ tMs: 250, deltas: overflow, acceptQueue: { length: 128, capacity: 128 } }],
    timeWait: undefined,
    openFileLimit: undefined,
    openFilesBefore: undefined,
  });
}

test('macOS findings: kern.ipc.somaxconn is the limit and the fix; sources are the netstat lines; no Linux left', () => {
  const f = macFacts(200);
  const local = (xs: ReturnType<typeof preflightFindings>) => xs.map((x) => findingForMacos(x, f.settings));
  const pre = local(preflightFindings(f));
  assert.deepEqual(pre.map((x) => x.id), ['backlog-below-concurrency']);
  const out = local(runFindings(f, runResult({ connectMs: clustered, connections: 200 }), pre));
  const o = out.find((x) => x.id === 'accept-queue-overflow');
  assert.ok(o, 'accept-queue-overflow');
  assert.match(o.explanation, /The limit is kern\.ipc\.somaxconn \(128\)/);
  assert.equal(o.fixes[0].command, 'sudo sysctl -w kern.ipc.somaxconn=4096');
  assert.match(o.fixes[0].detail ?? '', /forgets this at the next restart/);
  assert.match(o.fixes[0].persistent?.content ?? '', /<string>kern\.ipc\.somaxconn=4096<\/string>/);
  assert.deepEqual(o.evidence.find((e) => e.label === 'ListenOverflows'), { label: 'ListenOverflows', value: 40, source: 'netstat -s -p tcp "listen queue overflows" (tcps_listendrop) (delta over the run)' });
  assert.ok(o.evidence.some((e) => e.label === 'kern.ipc.somaxconn' && e.value === '128' && e.source === 'sysctl -n kern.ipc.somaxconn'));
  assert.ok(o.evidence.some((e) => e.label === 'Longest accept queue seen' && e.source.startsWith('sampled netstat -Lan')));
  assert.ok(o.subjects?.some((s) => s.kind === 'sysctl' && s.key === 'kern.ipc.somaxconn' && s.current === '128'));
  const syn = out.find((x) => x.id === 'syn-retransmit-delays');
  assert.match(syn?.explanation ?? '', /\(1, 2, 3, 4, 5, 7 s\.\.\.\)/, "XNU's SYN schedule (tcp_syn_backoff), not Linux's default 1, 3, 7");
  const text = JSON.stringify(out);
  assert.doesNotMatch(text, /net\.core|net\.ipv4|\/proc\/|90-load-test-localhost\.conf|\bss -l|\(\+1\)/, 'nothing Linux is said on a Mac');
  assert.doesNotMatch(text, /ListenDrops|TCPSynRetrans|Syncookies/, 'no counter macOS does not print');
});

test('macOS preflight: warns as soon as the concurrency exceeds the queue (XNU refuses at qlen >= qlimit)', () => {
  assert.deepEqual(preflightFindings(macFacts(129)).map((x) => x.id), ['backlog-below-concurrency']);
  assert.deepEqual(preflightFindings(macFacts(128)), []);
  const linux = facts({ target: { ...facts().target, connections: 512 } });
  assert.deepEqual(preflightFindings(linux), [], 'Linux overflows only beyond capacity + 1 (511 + 1)');
});

test('the "sysctl.conf content" of a Mac run: the kern.ipc.somaxconn command and its LaunchDaemon, no /etc/sysctl.d', () => {
  const f = macFacts(200);
  const findings = runFindings(f, runResult({ connectMs: clustered, connections: 200 }), []).map((x) => findingForMacos(x, f.settings));
  const result = runResult({ connections: 200 });
  result.findings = findings;
  result.kernel = { platform: 'darwin', settings: f.settings, listeners: [], counterDeltas: overflow, samples: [], kernelLog: { readable: false, lines: [] }, notes: [] };
  const text = sysctlConfContent(result);
  assert.match(text, /^# macOS has no \/etc\/sysctl\.d/);
  assert.match(text, /#   sudo sysctl -w kern\.ipc\.somaxconn=4096\n/);
  assert.match(text, /#   sudo launchctl bootstrap system \/Library\/LaunchDaemons\/local\.load-test-localhost\.somaxconn\.plist\n<\?xml/);
  assert.doesNotMatch(text, /^kern\.ipc\.somaxconn = /m, 'no sysctl.d line on a Mac');
});
