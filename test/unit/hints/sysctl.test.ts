import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSysctlValue } from '../../../src/hints/sysctlChecks';
import { isSysctlConfPath, parseSysctlConf } from '../../../src/hints/sysctlConf';
import { describeSysctl } from '../../../src/hints/sysctlDescriptions';
import { effectiveBacklog } from '../../../src/hints/effectiveBacklog';

describe('parseSysctlConf', () => {
  it('reads keys with dots or slashes, skips # and ; comments, keeps the - prefix and spans', () => {
    const text = [
      '# comment = 1',
      '; also = 2',
      '',
      'net.core.somaxconn = 1024',
      '  -net/ipv4/tcp_syncookies=0  ',
      'net.ipv4.ip_local_port_range = 1024 65000',
      'kernel.empty =',
    ].join('\n');
    const entries = parseSysctlConf(text);
    assert.deepEqual(entries.map((e) => [e.key, e.value, e.ignoreFailure, e.line]), [
      ['net.core.somaxconn', '1024', false, 3],
      ['net.ipv4.tcp_syncookies', '0', true, 4],
      ['net.ipv4.ip_local_port_range', '1024 65000', false, 5],
      ['kernel.empty', '', false, 6],
    ]);
    const [somaxconn, cookies] = entries;
    assert.equal(text.slice(somaxconn.keySpan.start, somaxconn.keySpan.end), 'net.core.somaxconn');
    assert.equal(text.slice(somaxconn.valueSpan.start, somaxconn.valueSpan.end), '1024');
    assert.equal(text.slice(cookies.keySpan.start, cookies.keySpan.end), 'net/ipv4/tcp_syncookies');
    assert.equal(text.slice(cookies.valueSpan.start, cookies.valueSpan.end), '0');
  });

  it('recognises sysctl.conf and sysctl.d/*.conf paths only', () => {
    assert.ok(isSysctlConfPath('/etc/sysctl.conf'));
    assert.ok(isSysctlConfPath('/w/deploy/sysctl.d/90-x.conf'));
    assert.ok(!isSysctlConfPath('/w/nginx/conf.d/site.conf'));
    assert.ok(!isSysctlConfPath('/w/my-sysctl.conf.bak'));
  });
});

describe('describeSysctl and checkSysctlValue', () => {
  it('describes somaxconn (also by its slashed name) and knows nothing of other keys', () => {
    assert.match(describeSysctl('net/core/somaxconn')?.limits ?? '', /listen\(\) backlog/);
    assert.equal(describeSysctl('kernel.hostname'), undefined);
  });

  it('warns when somaxconn is below the concurrency used, informs below the default, else says nothing', () => {
    assert.equal(checkSysctlValue('net.core.somaxconn', '128', { connections: 500 })[0].severity, 'warning');
    assert.equal(checkSysctlValue('net.core.somaxconn', '1024', { connections: 50 })[0].severity, 'info');
    assert.deepEqual(checkSysctlValue('net.core.somaxconn', '8192', { connections: 500 }), []);
    assert.equal(checkSysctlValue('net.core.somaxconn', 'lots')[0].severity, 'error');
  });

  it('flags cookies off, a port range too small for the run, and nothing for healthy values', () => {
    assert.equal(checkSysctlValue('net.ipv4.tcp_syncookies', '0')[0].severity, 'warning');
    assert.deepEqual(checkSysctlValue('net.ipv4.tcp_syncookies', '1'), []);
    assert.match(checkSysctlValue('net.ipv4.ip_local_port_range', '60000 60099', { connections: 500 })[0].message, /100 ephemeral ports/);
    assert.deepEqual(checkSysctlValue('net.ipv4.ip_local_port_range', '32768\t60999', { connections: 500 }), []);
    assert.deepEqual(checkSysctlValue('kernel.pid_max', '1'), []);
  });
});

describe('effectiveBacklog', () => {
  it('is the smaller of the argument (or default) and somaxconn', () => {
    assert.deepEqual(effectiveBacklog(undefined, 511, 4096), { value: 511, requested: 511, limitedBy: 'listen-argument' });
    assert.deepEqual(effectiveBacklog(8192, 511, 4096), { value: 4096, requested: 8192, limitedBy: 'somaxconn' });
    assert.deepEqual(effectiveBacklog(undefined, 'somaxconn', 4096), { value: 4096, requested: 'somaxconn', limitedBy: 'somaxconn' });
    assert.equal(effectiveBacklog(100, 511, undefined).value, 100);
  });
});
