// Connect times that cluster on the kernel's SYN retransmit schedule mean the first SYN (or its answer) was
// dropped: the connection only came up when a retransmission got through.
import { numericSetting } from '../kernelSettings';
import { retransmitWindowMs, synRetransmitSchedule } from '../../shared/synRetransmitSchedule';
import { backlogRemedy } from './backlogFixes';
import { counterEvidence, defined, settingEvidence } from './counterEvidence';
import type { RunRule } from './ruleTypes';
import { slowConnectCount } from './runSymptoms';
import type { DistributionBucket } from '../../shared/result';
import { XNU_SYN_RETRANSMIT_SECONDS } from '../macos/xnuSynSchedule';

export const SYN_RETRANSMIT_DELAYS = 'syn-retransmit-delays';

/** Connects per retransmit instant; a bucket counts in proportion to its overlap with the instant's window. */
export function connectsOnSchedule(buckets: DistributionBucket[], scheduleSeconds: number[]): Array<{ seconds: number; count: number }> {
  return scheduleSeconds.map((s) => {
    const [lo, hi] = retransmitWindowMs(s);
    let n = 0;
    for (const b of buckets) {
      const overlap = Math.min(hi, b.toMs) - Math.max(lo, b.fromMs);
      if (overlap <= 0 || b.count === 0) continue;
      n += b.toMs > b.fromMs ? (b.count * overlap) / (b.toMs - b.fromMs) : b.count;
    }
    return { seconds: s, count: Math.round(n) };
  });
}

export const synRetransmitDelays: RunRule = (facts, result) => {
  const slow = slowConnectCount(result);
  if (slow < 1) return undefined;
  const linear = numericSetting(facts.settings, 'net.ipv4.tcp_syn_linear_timeouts');
  const retries = numericSetting(facts.settings, 'net.ipv4.tcp_syn_retries') ?? 6;
  const schedule = facts.platform === 'darwin' ? [...XNU_SYN_RETRANSMIT_SECONDS] : synRetransmitSchedule(retries, linear);
  const hits = connectsOnSchedule(result.distributions.connect, schedule).filter((h) => h.count > 0);
  const onSchedule = hits.reduce((s, h) => s + h.count, 0);
  // Noise guard: a few slow connects could be anything; most of them on the schedule is the kernel's signature.
  if (onSchedule < 2 || onSchedule < slow * 0.5) return undefined;
  const total = result.latency.connect.count;
  return {
    id: SYN_RETRANSMIT_DELAYS,
    severity: 'warning',
    title: `${onSchedule} connect${onSchedule === 1 ? '' : 's'} waited for a SYN retransmission (${hits.map((h) => `~${h.seconds} s`).join(', ')})`,
    explanation:
      `Connect times cluster at ${hits.map((h) => `${h.seconds} s`).join(', ')}: the kernel's SYN retransmit schedule (${
        linear !== undefined ? `tcp_syn_linear_timeouts=${linear}: ` : ''
      }${schedule.slice(0, 6).join(', ')} s...). The first SYN of these connections got no answer, typically because the listener's queue was full.`,
    evidence: defined([
      ...hits.map((h) => ({ label: `Connects at ~${h.seconds} s`, value: h.count, source: 'run connect-time distribution' })),
      { label: 'Connects in the run', value: total, source: 'run latency.connect.count' },
      { label: 'Slowest connect (ms)', value: Math.round(result.latency.connect.max), source: 'run latency.connect.max' },
      counterEvidence('TCPSynRetrans', facts.counterDeltas),
      settingEvidence('net.ipv4.tcp_syn_linear_timeouts', facts.settings),
      settingEvidence('net.ipv4.tcp_syn_retries', facts.settings),
    ]),
    ...backlogRemedy(facts),
  };
};
