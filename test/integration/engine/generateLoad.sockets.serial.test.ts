// The engine through the lean socket client, and the input it refuses.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { generateLoad } from '../../../src/engine/generateLoad';
import { UsageError } from '../../../src/engine/loadOptions';
import { TargetUnreachableError } from '../../../src/engine/loopbackTarget';
import * as servers from '../../support/testServers';
import { generateLoadSuite } from './generateLoadSuite';

generateLoadSuite('sockets');

describe('generateLoad refuses bad input with one clear sentence', () => {
  it('refuses a malformed URL', async () => {
    await assert.rejects(generateLoad({ url: 'http://exa mple:99999/' }), (err: Error) => err instanceof UsageError && /not a valid URL/.test(err.message));
  });

  it('refuses headers that would break the framing of every request', async () => {
    const refuses = (headers: Record<string, string>, body: string | undefined, pattern: RegExp) =>
      assert.rejects(generateLoad({ url: 'http://127.0.0.1:9/', headers, body }), (err: Error) => err instanceof UsageError && pattern.test(err.message));
    await refuses({ 'Transfer-Encoding': 'chunked' }, 'x', /Transfer-Encoding header cannot be set/);
    await refuses({ 'Content-Length': '5' }, 'abc', /does not match the body \(3 bytes\)/);
    await refuses({ Connection: 'upgrade' }, undefined, /keep-alive or close/);
    await refuses({ Upgrade: 'websocket' }, undefined, /Upgrade requests/);
    await refuses({ Expect: '100-continue' }, 'x', /Expect header/);
  });

  it('refuses a non-loopback target unless allowed', async () => {
    await assert.rejects(generateLoad({ url: 'http://192.0.2.1/' }), (err: Error) => err instanceof UsageError && /not loopback/.test(err.message));
  });

  it('says nothing is listening on a refused port', async () => {
    const server = await servers.fixedDelayServer(0);
    const port = server.port;
    await server.close();
    await assert.rejects(generateLoad({ url: `http://127.0.0.1:${port}/` }), (err: Error) => err instanceof TargetUnreachableError && /connection refused/.test(err.message));
  });
});
