import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFindings } from '../../../src/report/findingsText';
import { runFindings } from '../../../src/diagnosis/applyRules';
import { facts } from '../diagnosis/diagnosisFactsFixture';
import { runResult } from '../diagnosis/runResultFixture';

test('formatFindings: errors first, evidence with sources, commands and persistent form; color only when asked', () => {
  const base = facts({}, { 'net.core.somaxconn': '128' });
  const l = { ...base.listeners[0], backlog: 128 };
  const findings = runFindings(
    { ...base, target: { ...base.target, connections: 300 }, listeners: [l], listenersOnPort: [l], counterDeltas: { ...base.counterDeltas, ListenOverflows: 40, ListenDrops: 40, TCPAbortOnClose: 0 } },
    runResult({ connectMs: [...Array(50).fill(0.3), ...Array(20).fill(1010)], connectingAtStopMs: [1500] }),
    [],
  );
  const text = formatFindings(findings);
  assert.ok(text.startsWith('[ERROR] Accept queue overflowed 40 times on port 3000\n'));
  assert.match(text, /- ListenOverflows: 40 \[\/proc\/net\/netstat TcpExt\.ListenOverflows \(delta over the run\)\]/);
  assert.match(text, /\$ sudo sysctl -w net\.core\.somaxconn=4096/);
  assert.match(text, /persist in \/etc\/sysctl\.d\/90-load-test-localhost\.conf:\n\s+net\.core\.somaxconn = 4096/);
  assert.ok(text.indexOf('[ERROR]') < text.indexOf('[WARN]'));
  assert.ok(!text.includes('\x1b['));
  assert.ok(formatFindings(findings, { color: true }).includes('\x1b[31m'));
  assert.equal(formatFindings([]), 'No kernel TCP trouble found.\n');
});
