// What the diagnosis could not see: which readings make a blind spot, and how every consumer says it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runsInContainer } from '../../../src/diagnosis/containerCheck';
import { blindSpotsOf, procListenerFallback, type CoverageReadings } from '../../../src/diagnosis/blindSpots';
import { formatFindings } from '../../../src/report/findingsText';
import { cleanVerdict, NO_TROUBLE, NO_TROUBLE_SEEN } from '../../../src/shared/notChecked';
import { finishedTooltip } from '../../../src/extension/statusBarText';
import { runResult } from './runResultFixture';

const allRead: CoverageReadings = {
  platform: 'linux',
  supported: true,
  listeners: { readable: true },
  somaxconnRead: true,
  counters: { readable: true },
  kernelLog: { readable: true },
  inContainer: false,
};

test('everything read: no blind spot, and the clean verdict is said', () => {
  assert.deepEqual(blindSpotsOf(allRead), []);
  assert.equal(formatFindings([], { kernel: { blindSpots: [] } }), `${NO_TROUBLE}\n`);
});

test('ss missing: the backlog is unknown, with the iproute2 command and the /proc/net/tcp fallback', () => {
  const fallback = procListenerFallback(
    [
      { state: 10, localAddress: '127.0.0.1', localPort: 3000, rxQueue: 4 },
      { state: 10, localAddress: '::1', localPort: 3000, rxQueue: 0 },
      { state: 1, localAddress: '127.0.0.1', localPort: 3000, rxQueue: 0 },
      { state: 10, localAddress: '127.0.0.1', localPort: 22, rxQueue: 0 },
    ],
    3000,
    10,
  );
  assert.equal(fallback, "Fallback: /proc/net/tcp{,6} shows the listener 127.0.0.1:3000 (4 waiting to be accepted), [::1]:3000 (0 waiting to be accepted) when read, but not the queue's capacity.");
  const spots = blindSpotsOf({ ...allRead, listeners: { readable: false, reason: 'ss is not installed', fallback } });
  assert.deepEqual(spots.map((s) => s.id), ['listen-backlog']);
  assert.match(spots[0].text, /^The listener's backlog is unknown \(ss is not installed\): .* Install iproute2 \(`apt-get install iproute2`\) to read it\. Fallback:/);
  assert.equal(procListenerFallback([], 3000, 10), 'Fallback: /proc/net/tcp{,6} shows no listener on port 3000 either.');
});

test('dmesg restricted, counters unreadable, a container: each said; the container is a caveat only', () => {
  const spots = blindSpotsOf({
    ...allRead,
    counters: { readable: false, reason: '/proc/net/netstat could not be read (EACCES)' },
    kernelLog: { readable: false, reason: 'dmesg is not readable (dmesg: read kernel buffer failed: Operation not permitted; kernel.dmesg_restrict=1 limits it to root)' },
    inContainer: true,
  });
  assert.deepEqual(spots.map((s) => [s.id, s.caveat ?? false]), [['counters', false], ['kernel-log', false], ['network-namespace', true]]);
  assert.equal(spots[1].text, 'The kernel log could not be read (dmesg is restricted here): SYN-flood lines are not checked.');
  assert.equal(spots[2].text, 'Counters are per network namespace: inside this container they cover the container only.');
  assert.equal(cleanVerdict({ blindSpots: [spots[2]] }), NO_TROUBLE, 'a caveat alone does not withhold the verdict');
});

test('somaxconn unreadable: the limit cannot be told, in the platform\'s name', () => {
  assert.deepEqual(blindSpotsOf({ ...allRead, somaxconnRead: false }).map((s) => s.text), [
    "net.core.somaxconn could not be read: whether it or the server's listen() backlog limits the accept queue cannot be told.",
  ]);
  assert.match(blindSpotsOf({ ...allRead, platform: 'darwin', somaxconnRead: false })[0].text, /^kern\.ipc\.somaxconn could not be read/);
});

test('macOS: SYN-queue counters and the kernel log are always blind spots; other systems: nothing checked', () => {
  assert.deepEqual(blindSpotsOf({ ...allRead, platform: 'darwin', kernelLog: { readable: false } }).map((s) => s.id), ['syn-queue', 'kernel-log']);
  assert.deepEqual(blindSpotsOf({ ...allRead, platform: 'win32', supported: false }).map((s) => s.text), ['Kernel TCP diagnosis is not available on win32: nothing in the kernel was checked.']);
});

test('text report and status bar tooltip: "Not checked" lines, never the clean verdict while blind', () => {
  const blindSpots = blindSpotsOf({ ...allRead, listeners: { readable: false, reason: 'ss is not installed' }, inContainer: true });
  const text = formatFindings([], { kernel: { blindSpots } });
  assert.ok(text.startsWith(`${NO_TROUBLE_SEEN}\nNot checked:\n  - The listener's backlog is unknown (ss is not installed)`), text);
  assert.match(text, /\nNote: Counters are per network namespace/);
  assert.ok(!text.includes(NO_TROUBLE));
  const result = runResult();
  result.kernel = { platform: 'linux', settings: {}, listeners: [], counterDeltas: {}, samples: [], kernelLog: { readable: true, lines: [] }, notes: [], blindSpots };
  const tooltip = finishedTooltip(result);
  assert.match(tooltip, /\*\*Not checked:\*\*\n- The listener's backlog is unknown \\\(ss is not installed\\\)/);
  assert.match(tooltip, /_Counters are per network namespace/);
});

test('container markers: the container env, /.dockerenv or /run/.containerenv, a container cgroup; none on a bare host', async () => {
  const root = () => mkdtempSync(join(tmpdir(), 'ltl-root-'));
  const bare = root();
  mkdirSync(join(bare, 'proc/1'), { recursive: true });
  writeFileSync(join(bare, 'proc/1/cgroup'), '0::/init.scope\n');
  assert.equal(await runsInContainer({}, bare), false);
  assert.equal(await runsInContainer({ container: 'podman' }, bare), true);
  const docker = root();
  writeFileSync(join(docker, '.dockerenv'), '');
  assert.equal(await runsInContainer({}, docker), true);
  const k8s = root();
  mkdirSync(join(k8s, 'proc/1'), { recursive: true });
  writeFileSync(join(k8s, 'proc/1/cgroup'), '0::/kubepods/besteffort/pod1234/abcd\n');
  assert.equal(await runsInContainer({}, k8s), true);
});
