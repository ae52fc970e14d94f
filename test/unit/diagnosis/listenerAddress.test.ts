import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalAddress, listenerAccepts, matchListeners, unreachableAddresses } from '../../../src/diagnosis/listenerAddress';
import { parseSsListen } from '../../../src/system/ssListen';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const L = (address: string, dualStack = false) => ({ address, dualStack });

test('canonicalAddress: v4-mapped to v4, IPv6 expanded', () => {
  assert.equal(canonicalAddress('::ffff:127.0.0.1'), '127.0.0.1');
  assert.equal(canonicalAddress('0:0:0:0:0:ffff:127.0.0.1'), '127.0.0.1');
  assert.equal(canonicalAddress('::1'), canonicalAddress('0:0:0:0:0:0:0:1'));
  assert.equal(canonicalAddress('127.0.0.1'), '127.0.0.1');
  assert.equal(canonicalAddress('0:0:0:0:0:ffff:7f00:1'), '127.0.0.1', 'as /proc/net/tcp6 shows it');
});

test('which listener a client reaches', () => {
  assert.ok(listenerAccepts(L('0.0.0.0'), '127.0.0.1'));
  assert.ok(!listenerAccepts(L('0.0.0.0'), '::1'));
  assert.ok(listenerAccepts(L('*', true), '::1'));
  assert.ok(listenerAccepts(L('*', true), '127.0.0.1'));
  assert.ok(listenerAccepts(L('::'), '::1'), '[::] v6-only accepts IPv6');
  assert.ok(!listenerAccepts(L('::'), '127.0.0.1'), '[::] v6-only refuses IPv4');
  assert.ok(listenerAccepts(L('::', true), '127.0.0.1'), 'old ss ":::" counts as dual-stack');
  assert.ok(listenerAccepts(L('::ffff:127.0.0.1'), '127.0.0.1'));
  assert.ok(!listenerAccepts(L('::ffff:127.0.0.1'), '::1'));
  assert.ok(!listenerAccepts(L('127.0.0.1'), '127.0.0.2'));
  assert.ok(listenerAccepts(L('::1'), '0:0::1'));
});

test('matchListeners and unreachableAddresses on a recorded ss output', () => {
  const ls = parseSsListen(readFileSync(join(__dirname, '../../fixtures/proc/ss-ltnp-linux5.15-iproute5.15.txt'), 'utf8'));
  assert.deepEqual(matchListeners(ls, 8000, ['::1', '127.0.0.1']).map((l) => l.address), ['127.0.0.1']);
  assert.deepEqual(unreachableAddresses(ls, 8000, ['::1', '127.0.0.1']), ['::1']);
  assert.deepEqual(unreachableAddresses(ls, 5173, ['::1', '127.0.0.1']), [], 'Vite on * serves both');
  assert.deepEqual(unreachableAddresses(ls, 8001, ['::1', '127.0.0.1']), ['127.0.0.1']);
  assert.deepEqual(matchListeners(ls, 22, ['127.0.0.1']).map((l) => l.address), ['0.0.0.0']);
  assert.deepEqual(matchListeners(ls, 22, ['::1']).map((l) => l.address), ['::']);
});
