// Real Node dev servers (Vite 8, Express 5) in network namespaces, and the Node fixes applied and read back.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { recognizeServer } from '../../src/diagnosis/serverBacklogDefaults';
import { withNetns } from '../kernel/netns';
import { project, runInNamespace, skipAll, testDevServer } from './devServerSuite';
import { DEV_SERVERS } from './devServers';

for (const server of DEV_SERVERS.filter((s) => s.language === 'node')) testDevServer(server);

/** Applies a snippet the advice gave and reads the listener again: the fix must really raise the backlog. */
test('the Node fixes take: Express with the edited listen call, Vite with the plugin, both listen with 4096', { skip: skipAll, timeout: 90_000 }, async () => {
  for (const name of ['Express', 'Vite']) {
    const server = DEV_SERVERS.find((s) => s.name.startsWith(name))!;
    const folder = project(server);
    try {
      const sysctls = { 'net.core.somaxconn': 65535 };
      const before = await withNetns(sysctls, (ns) =>
        runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port, load: { connections: 50, durationMs: 500 } }),
      );
      const fix = before.result?.findings?.flatMap((f) => f.fixes).find((f) => f.kind === 'code');
      if (name === 'Express') {
        assert.equal(before.listeners[0]?.backlog, 8);
        assert.ok(fix?.snippet, `a snippet: ${JSON.stringify(before.result?.findings)}`);
        const file = join(folder, 'server.js');
        const lines = readFileSync(file, 'utf8').split('\n');
        lines[4] = fix.snippet; // server.js:5, as the fix's title says
        writeFileSync(file, lines.join('\n'));
      } else {
        // 50 connections against Vite's 511: no finding, so take the snippet the advice gives for 300.
        const argv = server.command(folder);
        const snippet = recognizeServer(argv)!.fix({ backlog: 4096, port: server.port, server: { argv } }).snippet!;
        assert.equal(before.listeners[0]?.backlog, 511);
        writeFileSync(join(folder, 'vite.config.mjs'), `export default {\n${snippet.replace(/^plugins/, '  plugins')},\n};\n`);
      }
      const after = await withNetns(sysctls, (ns) => runInNamespace(ns, { command: server.command(folder), cwd: folder, port: server.port }));
      assert.equal(after.listeners[0]?.backlog, 4096, `${name} listens with the backlog the fix set`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
});
