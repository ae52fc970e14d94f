import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/shared/findings';
import type { RunResult } from '../../../src/shared/result';
import {
  findingOneLine,
  placeListenFindings,
  placeSysctlFindings,
  suggestedBacklog,
  sysctlConfContent,
} from '../../../src/hints/findingPlacement';
import { findListenSites } from '../../../src/hints/findListenSites';
import { listenHoverMarkdown, listenLensTitle } from '../../../src/hints/listenSiteSummary';
import { parseSysctlConf } from '../../../src/hints/sysctlConf';

const overflow: Finding = {
  id: 'accept-queue-overflow',
  severity: 'error',
  title: 'Accept queue overflowed',
  explanation: '...',
  evidence: [
    { label: 'ListenOverflows', value: 369, source: '/proc/net/netstat TcpExt.ListenOverflows (delta over the run)' },
    { label: 'backlog', value: 511, source: 'ss -ltn' },
  ],
  fixes: [{
    title: 'Raise somaxconn',
    kind: 'command',
    command: 'sudo sysctl -w net.core.somaxconn=8192',
    persistent: { file: '/etc/sysctl.d/90-load-test.conf', content: '# why\nnet.core.somaxconn = 8192\n' },
  }],
  subjects: [
    { kind: 'listen-backlog', port: 3000, effective: 511, listenArgument: 511, suggested: 8192 },
    { kind: 'sysctl', key: 'net.core.somaxconn', current: '4096', suggested: '8192' },
  ],
};

describe('finding placement', () => {
  const node = 'app.listen(3000);\nother.listen(4000);';
  const sites = findListenSites(node, 'javascript').map((site) => ({ file: '/w/a.js', site }));

  it('puts a listen-backlog finding at the sites of its port, or at every site when none matches', () => {
    assert.deepEqual(placeListenFindings([overflow], sites).map((p) => p.at.port?.value), [3000]);
    const elsewhere: Finding = { ...overflow, subjects: [{ kind: 'listen-backlog', port: 9999 }] };
    assert.deepEqual(placeListenFindings([elsewhere], sites).map((p) => p.at.port?.value), [3000, 4000]);
    assert.deepEqual(placeListenFindings([{ ...overflow, subjects: [] }], sites), []);
  });

  it('puts a sysctl finding at the entries of its key', () => {
    const entries = parseSysctlConf('net.core.somaxconn = 128\nvm.swappiness = 10\n');
    const placed = placeSysctlFindings([overflow], [{ file: '/w/sysctl.conf', entries }]);
    assert.deepEqual(placed.map((p) => p.at.key), ['net.core.somaxconn']);
  });

  it('says the finding in one line with its evidence', () => {
    assert.equal(findingOneLine(overflow, 50), 'Accept queue overflowed: ListenOverflows +369 at 50 connections');
    assert.equal(findingOneLine({ ...overflow, evidence: [] }), 'Accept queue overflowed');
    // A value that is not a counter's rise is set off from a label that ends in an address.
    const capacity = { ...overflow, evidence: [{ label: 'Accept queue capacity of 127.0.0.1:39271', value: 8, source: 'ss -ltn Send-Q' }] };
    assert.equal(findingOneLine(capacity, 50), 'Accept queue overflowed: Accept queue capacity of 127.0.0.1:39271 = 8 at 50 connections');
  });

  it('suggests the finding\'s backlog for its port, else max(4096, connections)', () => {
    assert.equal(suggestedBacklog([overflow], sites[0].site, 50), 8192);
    assert.equal(suggestedBacklog([overflow], sites[1].site, 50), 4096);
    assert.equal(suggestedBacklog([], undefined, 10000), 10000);
  });

  it('builds sysctl.d content from the fixes, with how to apply it', () => {
    const content = sysctlConfContent({ findings: [overflow] } as unknown as RunResult);
    assert.match(content, /^net\.core\.somaxconn = 8192$/m);
    assert.match(content, /sudo sysctl --system/);
    assert.doesNotMatch(sysctlConfContent(undefined), /^net\./m);
  });
});

describe('listen site words', () => {
  const [site] = findListenSites('app.listen(3000);', 'javascript');

  it('lens shows min(argument or default, somaxconn)', () => {
    assert.equal(listenLensTitle(site, 4096), 'Listen backlog 511 (default), effective 511');
    assert.equal(listenLensTitle(site, 128), 'Listen backlog 511 (default), effective 128 (capped by somaxconn 128)');
  });

  it('hover names the source of the default, somaxconn, and the last finding', () => {
    const hover = listenHoverMarkdown(site, 128, [overflow], 50);
    assert.match(hover, /Node passes 511/);
    assert.match(hover, /min\(511, 128\) = \*\*128\*\*, set by `net.core.somaxconn`/);
    assert.match(hover, /ListenOverflows \+369 at 50 connections/);
    assert.doesNotMatch(listenHoverMarkdown(site, 4096, [], undefined), /Last run/);
  });
});
