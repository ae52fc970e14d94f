// readServerContext on a real process: its cwd from /proc, the listen call in the script it runs, Django settings.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readServerContext } from '../../../src/diagnosis/serverContext';

test('readServerContext: cwd from /proc, the listen call in the script a real process runs, Django settings', async (t) => {
  if (process.platform !== 'linux') return t.skip('reads /proc');
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'ltl-ctx-')));
  try {
    await writeFile(
      join(dir, 'server.js'),
      "const http = require('node:http');\nconst server = http.createServer((q, s) => s.end('ok'));\n" +
        "server.listen(0, '127.0.0.1', 8, () => console.log('up\\u001b[31m'));\nsetTimeout(() => process.exit(0), 20000);\n",
    );
    const child = spawn(process.execPath, ['server.js'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    try {
      const ctx = await readServerContext({ pid: child.pid, argv: [process.execPath, 'server.js'], port: 41234, address: '127.0.0.1' });
      assert.equal(ctx?.cwd, dir);
      assert.equal(ctx?.listenCall?.file, 'server.js');
      assert.equal(ctx?.listenCall?.line, 3);
      assert.equal(ctx?.listenCall?.backlog, 8);
      assert.equal(`${ctx?.listenCall?.edit?.before}4096${ctx?.listenCall?.edit?.after}`, "server.listen(0, '127.0.0.1', 4096, () => console.log('up\\u001b[31m'));");
    } finally {
      child.kill();
    }
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'site', 'manage.py'), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n");
    const django = await readServerContext({ pid: process.pid, argv: ['python3', join(dir, 'site', 'manage.py'), 'runserver'], port: 8000 });
    assert.equal(django?.djangoSettingsModule, 'mysite.settings');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
