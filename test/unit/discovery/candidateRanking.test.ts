import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { preferredCandidate, rankCandidates, type DevServerCandidate } from '../../../src/discovery/index';
import { configuredCandidates } from '../../../src/discovery/configuredCandidates';
import { hostForAddresses, isLoopbackHost } from '../../../src/discovery/loopbackHost';
import { socketsByServer } from '../../../src/discovery/listeningCandidates';

type Facts = { matchedBy?: string; portConfigured?: boolean };
function candidate(port: number, source: DevServerCandidate['source'], extra: Partial<DevServerCandidate> & Facts = {}): DevServerCandidate & Facts {
  return { url: `http://127.0.0.1:${port}/`, host: '127.0.0.1', port, source, insideWorkspace: true, isLoopback: true, detail: '', ...extra };
}

describe('ranking', () => {
  it('listening > configured (listening now first) > default port', () => {
    const ranked = rankCandidates([
      candidate(5173, 'default-port', { detail: 'vite default · not listening' }),
      candidate(3005, 'configured', { detail: 'script · not listening' }),
      candidate(4000, 'configured', { detail: 'script · listening (pid 9, not started from the workspace)' }),
      candidate(9000, 'listening', { matchedBy: 'cwd' }),
    ]);
    assert.deepEqual(ranked.map((c) => c.port), [9000, 4000, 3005, 5173]);
  });

  it('among listening: configured port, then recognised framework, then cwd match, then port', () => {
    const ranked = rankCandidates([
      candidate(40001, 'listening', { matchedBy: 'cwd' }),
      candidate(40002, 'listening', { matchedBy: 'ancestor', framework: 'next' }),
      candidate(3000, 'listening', { matchedBy: 'ancestor', framework: 'next', portConfigured: true }),
      candidate(40003, 'listening', { matchedBy: 'cwd', framework: 'next' }),
    ]);
    assert.deepEqual(ranked.map((c) => c.port), [3000, 40003, 40002, 40001]);
  });

  it('answers without asking only when the choice is clear', () => {
    assert.equal(preferredCandidate([candidate(1, 'listening'), candidate(2, 'configured')])?.port, 1);
    assert.equal(preferredCandidate([candidate(1, 'listening'), candidate(2, 'listening')]), undefined);
    assert.equal(preferredCandidate([candidate(1, 'listening'), candidate(2, 'listening', { portConfigured: true })])?.port, 2);
    assert.equal(preferredCandidate([candidate(2, 'configured')]), undefined);
  });
});

describe('hosts', () => {
  it('prefers a numeric IPv4 loopback, then [::1]; a LAN-only bind is not loopback', () => {
    assert.deepEqual(hostForAddresses(['127.0.0.1', '::1']), { host: '127.0.0.1', isLoopback: true });
    assert.deepEqual(hostForAddresses(['::1']), { host: '[::1]', isLoopback: true });
    assert.deepEqual(hostForAddresses(['::']), { host: '127.0.0.1', isLoopback: true });
    assert.deepEqual(hostForAddresses(['::'], false), { host: '[::1]', isLoopback: true });
    assert.deepEqual(hostForAddresses(['127.0.0.2']), { host: '127.0.0.2', isLoopback: true });
    assert.deepEqual(hostForAddresses(['192.168.1.5']), { host: '192.168.1.5', isLoopback: false });
  });

  it('knows loopback names', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['example.com', '10.0.0.1', '[::2]', '0.0.0.0', 'localhost.example.com']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('configured ports: one candidate per port, explicit source wins, launch path kept unless a path is asked', () => {
    const folder = '/ws';
    const ports = [
      { port: 8123, source: 'default-port' as const, origin: 'vite default', folder, framework: 'vite' },
      { port: 8123, source: 'configured' as const, origin: 'launch.json url', folder, url: 'http://localhost:8123/app' },
    ];
    const [one, ...rest] = configuredCandidates(ports, new Map(), new Set(), undefined);
    assert.equal(rest.length, 0);
    assert.equal(one?.source, 'configured');
    assert.equal(one?.url, 'http://localhost:8123/app');
    assert.equal(one?.framework, 'vite');
    assert.match(one?.detail ?? '', /vite default; launch.json url · not listening/);
    assert.equal(configuredCandidates(ports, new Map(), new Set(), '/health')[0]?.url, 'http://localhost:8123/health');
    assert.deepEqual(configuredCandidates(ports, new Map(), new Set([8123]), undefined), []);
  });
});

describe('socketsByServer', () => {
  it('keeps two servers on one port apart (127.0.0.1 and ::1), and a server with its forked workers together', () => {
    const groups = socketsByServer([
      { address: '::1', port: 18760, family: 6, inode: 1, pids: [300] },
      { address: '127.0.0.1', port: 18760, family: 4, inode: 2, pids: [400] },
      // gunicorn: the master and two workers hold one socket; the same master on v6 too.
      { address: '127.0.0.1', port: 8000, family: 4, inode: 3, pids: [501, 500, 502] },
      { address: '::1', port: 8000, family: 6, inode: 4, pids: [500, 501, 502] },
    ]);
    assert.deepEqual(
      groups.map(([port, sockets]) => [port, sockets.map((s) => s.inode)]),
      [
        [18760, [1]],
        [18760, [2]],
        [8000, [3, 4]],
      ],
    );
  });
});
