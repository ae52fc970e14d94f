import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeScript } from '../../../src/discovery/devScriptText';

test('the dev-script offer names the command in quotes, then the tool and its port; no Markdown backticks', () => {
  const script = { name: 'dev', command: 'node server.js', runCommand: 'npm run dev', cwd: '/w' };
  assert.equal(describeScript({ ...script, framework: 'node', expectedPort: 3000 }), '"npm run dev" (node, port 3000)');
  assert.equal(describeScript(script), '"npm run dev" (port not known yet)');
});
