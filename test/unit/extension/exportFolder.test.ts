// The export dialog starts outside the workspace: the folder chosen last time, else ~/Downloads, else home.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultExportFolder } from '../../../src/extension/exportFolder';

test('remembered folder, then ~/Downloads, then home; a remembered folder that is gone is skipped', () => {
  const home = mkdtempSync(join(tmpdir(), 'ltl-home-'));
  try {
    assert.equal(defaultExportFolder(undefined, home), home, 'no Downloads folder: home');
    mkdirSync(join(home, 'Downloads'));
    assert.equal(defaultExportFolder(undefined, home), join(home, 'Downloads'));
    const chosen = join(home, 'reports');
    mkdirSync(chosen);
    assert.equal(defaultExportFolder(chosen, home), chosen);
    rmSync(chosen, { recursive: true });
    assert.equal(defaultExportFolder(chosen, home), join(home, 'Downloads'), 'a deleted folder is not offered');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
