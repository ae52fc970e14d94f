// The one /proc/<pid>/cmdline parser, for discovery and the diagnosis (the live read is in
// test/integration/system/liveKernelTables.test.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseProcCommandLine } from '../../../src/system/procCommandLine';

describe('/proc/<pid>/cmdline', () => {
  it('splits on NUL and drops only the terminating one', () => {
    assert.deepEqual(parseProcCommandLine('node\0server.js\0--port\x003000\0'), ['node', 'server.js', '--port', '3000']);
    assert.deepEqual(parseProcCommandLine('node\0\0x\0'), ['node', '', 'x'], 'an empty argument stays in place');
    assert.deepEqual(parseProcCommandLine('puma 6.4.0 (tcp://0.0.0.0:3000) [app]'), ['puma 6.4.0 (tcp://0.0.0.0:3000) [app]'], 'a rewritten title');
    assert.deepEqual(parseProcCommandLine(''), [], 'a kernel thread');
  });
});
