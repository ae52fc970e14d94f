// The pure parts of the extension's run flow: presets to engine options, custom input parsing, status bar words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnections, parseHeaders, parseMethod, parseRate, parseStopAfter } from '../../../src/extension/customProfileInput';
import { describeProfile, loadOptionsFor, PRESET_PROFILES, sameLoad, storedProfile } from '../../../src/extension/loadProfiles';
import { defaultWorkerCount, normalizeLoadOptions } from '../../../src/engine/loadOptions';
import { echoOptions } from '../../../src/engine/optionsEcho';

const settings = { connectTimeoutMs: 5000, responseTimeoutMs: 20000, allowNonLoopback: false, insecure: true };

test('a profile gives the load, the settings give the timeouts and the loopback rule', () => {
  const options = loadOptionsFor('http://127.0.0.1:3000/', { id: 'custom', label: 'x', connections: 3, durationSeconds: 2, keepAlive: false }, settings);
  assert.deepEqual([options.connections, options.durationMs, options.keepAlive], [3, 2000, false]);
  assert.deepEqual([options.connectTimeoutMs, options.responseTimeoutMs, options.allowNonLoopback, options.insecure], [5000, 20000, false, true]);
});

test('the echo the panel shows before the run matches the engine defaults', () => {
  const echo = echoOptions(normalizeLoadOptions(loadOptionsFor('localhost:3000', PRESET_PROFILES[1], settings)));
  assert.equal(echo.url, 'http://localhost:3000/');
  assert.equal(echo.method, 'GET');
  assert.equal(echo.workers, defaultWorkerCount(50), 'the engine picks the worker count');
  assert.equal(echo.httpClient, 'sockets');
  assert.throws(() => normalizeLoadOptions({ url: 'ftp://x/' }), /Only http/);
});

test('custom inputs: connections, stop after, rate, method, headers', () => {
  assert.deepEqual(parseConnections('25'), { value: 25 });
  assert.ok('error' in parseConnections('0'));
  assert.ok('error' in parseConnections('2.5'));
  assert.deepEqual(parseStopAfter('1000'), { value: { requests: 1000 } });
  assert.deepEqual(parseStopAfter('20s'), { value: { durationSeconds: 20 } });
  assert.deepEqual(parseStopAfter('2 m'), { value: { durationSeconds: 120 } });
  assert.ok('error' in parseStopAfter('soon'));
  assert.deepEqual(parseRate(''), { value: undefined });
  assert.deepEqual(parseRate('150'), { value: 150 });
  assert.ok('error' in parseRate('-1'));
  assert.deepEqual(parseMethod('post'), { value: 'POST' });
  assert.deepEqual(parseMethod(''), { value: 'GET' });
  assert.ok('error' in parseMethod('GE T'));
  assert.deepEqual(parseHeaders('Accept: text/html, */* | Cookie: a=1; b=2'), { value: { Accept: 'text/html, */*', Cookie: 'a=1; b=2' } });
  assert.ok('error' in parseHeaders('no colon'));
});

test('the last-used profile is recognised among the presets, and stored junk is dropped', () => {
  assert.ok(sameLoad({ ...PRESET_PROFILES[0], label: 'renamed' }, PRESET_PROFILES[0]));
  assert.ok(!sameLoad(PRESET_PROFILES[0], PRESET_PROFILES[1]));
  assert.equal(storedProfile({ id: 'x' }), undefined);
  assert.deepEqual(storedProfile(PRESET_PROFILES[2]), PRESET_PROFILES[2]);
  assert.equal(describeProfile({ connections: 1, keepAlive: false, requests: 5, method: 'POST' }), '1 connection, new connection per request, 5 requests, POST');
});
