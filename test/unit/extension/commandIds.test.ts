// The command ids the code registers and the ones package.json contributes are the same set: a command that is
// contributed but never registered shows in the palette and does nothing; one registered but not contributed
// cannot be bound or found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/extension/commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; menus: Record<string, Array<{ command: string }>> };
};

test('every command in commandIds.ts is contributed, and every contributed command is in commandIds.ts', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
});

test('menus name only known commands', () => {
  const known = new Set<string>(Object.values(COMMANDS));
  const unknown = Object.values(manifest.contributes.menus).flat().map((m) => m.command).filter((id) => !known.has(id));
  assert.deepEqual(unknown, []);
});
