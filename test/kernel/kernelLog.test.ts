// The kernel log read from /dev/kmsg, against the real log: records written after the mark are read back, in order,
// formatted exactly as dmesg prints them; records from before are not; the device is closed afterwards.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, readlinkSync } from 'node:fs';
import { describe, it } from 'node:test';
import { markKernelLog, readNewKernelLog } from '../../src/diagnosis/kernelLog';
import { kernelTestSkipReason } from './netns';

/** Root may add a record to the kernel log by writing it to /dev/kmsg ("<6>": level info). */
function writeKernelLog(text: string): void {
  appendFileSync('/dev/kmsg', `<6>${text}\n`);
}

function openKmsgDescriptors(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === '/dev/kmsg';
    } catch {
      return false;
    }
  }).length;
}

describe('kernel log from /dev/kmsg', { skip: kernelTestSkipReason() }, () => {
  it('reads exactly the records written after the mark, as dmesg prints them, and closes the device', async () => {
    const token = `ltl-kmsg-test-${process.pid}-${Date.now()}`;
    writeKernelLog(`${token} before the mark`);
    const before = openKmsgDescriptors();
    const position = await markKernelLog();
    assert.equal(position.source, 'kmsg', 'root reads /dev/kmsg');
    writeKernelLog(`${token} first`);
    writeKernelLog(`${token} second: Possible SYN flooding on port 127.0.0.1:1. Sending cookies.`);
    const { lines, error } = await readNewKernelLog(position);
    assert.equal(error, undefined);
    const ours = lines.filter((line) => line.includes(token));
    assert.equal(ours.length, 2, `only the two records after the mark:\n${ours.join('\n')}`);
    assert.match(ours[0], new RegExp(`^\\[ *\\d+\\.\\d{6}\\] ${token} first$`));
    assert.match(ours[1], new RegExp(`${token} second`));
    // The same records as dmesg prints them (its default format when not writing to a terminal).
    const dmesg = execFileSync('dmesg', { encoding: 'latin1' }).split('\n');
    for (const line of ours) assert.ok(dmesg.includes(line), `dmesg prints ${JSON.stringify(line)} the same way`);
    assert.equal(openKmsgDescriptors(), before, '/dev/kmsg is closed after reading');
  });
});
