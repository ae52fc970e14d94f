import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptSudo } from '../../../src/system/privilege';

const command = 'sudo sysctl -w net.core.somaxconn=4096 && sudo sysctl --system';

test('root runs the command without sudo (containers and code-server often have none)', () => {
  assert.deepEqual(adaptSudo(command, { isRoot: true, hasSudo: false }), { command: 'sysctl -w net.core.somaxconn=4096 && sysctl --system' });
  assert.deepEqual(adaptSudo(command, { isRoot: true, hasSudo: true }), { command: 'sysctl -w net.core.somaxconn=4096 && sysctl --system' });
});

test('a user with sudo keeps it; a user without sudo is told what to run as root', () => {
  assert.deepEqual(adaptSudo(command, { isRoot: false, hasSudo: true }), { command });
  assert.deepEqual(adaptSudo(command, { isRoot: false, hasSudo: false }), { needsRoot: 'sysctl -w net.core.somaxconn=4096 && sysctl --system' });
});

test('commands without sudo, and words that merely contain it, are left alone', () => {
  assert.deepEqual(adaptSudo('ulimit -n 65535', { isRoot: false, hasSudo: false }), { command: 'ulimit -n 65535' });
  assert.deepEqual(adaptSudo('echo pseudo sudoers', { isRoot: true, hasSudo: false }), { command: 'echo pseudo sudoers' });
});
