// The run flow's pickers in a real extension host (issue 16): a picker stays open when focus moves away (VS Code
// hands focus back to a webview right after the palette closes), and each question is logged when shown and when
// answered or dismissed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PRESET_PROFILES } from '../../../src/extension/loadProfiles';
import { pickProfile } from '../../../src/extension/profilePicker';
import { userPrompts } from '../../../src/extension/prompts';
import { fakeContext } from '../support/fakeContext';
import { recordingLog, type RecordingLog } from '../support/recordingLog';

/** Polls a condition the code under test makes true (no fixed sleep). */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function asked(log: RecordingLog, title: string): Promise<void> {
  await until(() => log.lines.includes(`[info] Asked: ${title} (How much load?)`), `"${title}" to be asked`);
}

describe('run flow: pickers', function () {
  this.timeout(30_000);
  const target = 'http://127.0.0.1:4999/';
  const title = `Load test ${target}`;

  before(async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'focus lands here\n' });
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the profile picker survives focus moving to an editor, and is answered', async () => {
    const log = recordingLog();
    const answer = pickProfile(fakeContext(), target, log, userPrompts(log));
    await asked(log, title);
    // What VS Code does to a command given from the palette while a webview had focus: focus goes back there.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    assert.ok(!log.lines.some((l) => l.startsWith('[info] Dismissed')), `dismissed by a focus change:\n${log.lines.join('\n')}`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const profile = await answer;
    assert.equal(profile?.id, PRESET_PROFILES[0].id);
    assert.ok(log.lines.includes(`[info] Answered "${title}": ${PRESET_PROFILES[0].label}`), log.lines.join('\n'));
  });

  it('Escape dismisses it, and the log says so', async () => {
    const log = recordingLog();
    const answer = pickProfile(fakeContext(), target, log, userPrompts(log));
    await asked(log, title);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await answer, undefined);
    assert.ok(log.lines.includes(`[info] Dismissed: ${title}`), log.lines.join('\n'));
  });
});
