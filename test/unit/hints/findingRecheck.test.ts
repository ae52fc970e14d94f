// A finding from the last run, re-checked against the listen call as the code reads now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findListenSites } from '../../../src/hints/findListenSites';
import { lastRunMessage, recheckListenFinding } from '../../../src/hints/findingRecheck';
import type { Finding } from '../../../src/shared/findings';

const overflow = (listenArgument: number | undefined): Finding => ({
  id: 'accept-queue-overflow',
  severity: 'error',
  title: 'Accept queue overflowed 720 times on port 3000',
  explanation: '',
  evidence: [],
  fixes: [],
  subjects: [{ kind: 'listen-backlog', port: 3000, effective: listenArgument, listenArgument, suggested: 4096 }],
});

const siteOf = (code: string) => findListenSites(code, 'javascript')[0]!;

test('a backlog raised to the suggestion is fixed in the code; somaxconn below it is said', () => {
  const fixed = siteOf('server.listen({ port: 3000, backlog: 4096 });');
  assert.deepEqual(recheckListenFinding(overflow(8), fixed, 4096), { fixedInCode: true, remaining: undefined });
  assert.deepEqual(recheckListenFinding(overflow(8), fixed, 128), { fixedInCode: true, remaining: 'net.core.somaxconn 128 still caps it at 128' });
  assert.equal(
    lastRunMessage('Accept queue overflowed', { fixedInCode: true }, 'code'),
    'Last run: Accept queue overflowed. Since then fixed in the code; run again to confirm.',
  );
});

test('unchanged, too small, or already large during the run: still the last run\'s finding', () => {
  assert.equal(recheckListenFinding(overflow(8), siteOf('server.listen({ port: 3000, backlog: 8 });'), 4096).fixedInCode, false);
  assert.equal(recheckListenFinding(overflow(8), siteOf('server.listen({ port: 3000, backlog: 1024 });'), 4096).fixedInCode, false);
  // The run's listen() already asked for 4096: somaxconn was the limit, so the code is not the fix.
  assert.equal(recheckListenFinding(overflow(4096), siteOf('server.listen({ port: 3000, backlog: 4096 });'), 128).fixedInCode, false);
  // Computed at run time: cannot tell.
  assert.equal(recheckListenFinding(overflow(8), siteOf('server.listen({ port: 3000, backlog: size });'), 4096).fixedInCode, false);
  assert.equal(lastRunMessage('Accept queue overflowed', { fixedInCode: false }, 'code'), 'Last run: Accept queue overflowed');
});
