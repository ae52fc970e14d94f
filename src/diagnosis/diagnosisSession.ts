// Kernel TCP diagnosis around a load run: read settings, listeners and counters before, sample during, apply the
// rules after. Plain Node (no vscode). Nothing here throws at the caller: what cannot be read becomes a note.
import { release } from 'node:os';
import type { LoadResult } from '../shared/result';
import { preflightFindings, runFindings } from './applyRules';
import type { DiagnosisTarget } from './diagnosisTarget';
import { markKernelLog, readNewKernelLog, synFloodLines, type KernelLogPosition } from './kernelLog';
import { QUEUE_POLL_MS, startKernelSampler, type KernelSampler } from './kernelSampler';
import { readLinuxSettings, readMacSettings, somaxconnSetting, type SettingsReading } from './kernelSettings';
import { readLinuxListeners, type ListenerReading } from './listenerProbe';
import { findingForMacos } from './macos/macosFindings';
import { readMacCounters, readMacListeners } from './macos/macosProbe';
import { startMacSampler, type MacSampler } from './macos/macSampler';
import { XNU_SYN_RETRANSMIT_SECONDS } from './macos/xnuSynSchedule';
import { blindSpotsOf, procListenerFallback } from './blindSpots';
import { runsInContainer } from './containerCheck';
import { counterDeltas, readLinuxCounters, type CounterReading } from '../system/procNetCounters';
import { readProcNetTcp, TCP_STATE } from '../system/procNetTcp';
import { listenerKey, type KnownListener } from './listenerQueues';
import { readTimeWaitTotal } from '../system/sockstat';
import { readTimeWaitOnPort } from './timeWait';
import { ephemeralPortCount } from './kernelSettings';
import { countOpenFiles, readOpenFileLimit } from '../system/processLimits';
import type { DiagnosisFacts, ListenerFacts } from './rules/diagnosisFacts';
import { synRetransmitScheduleOf } from '../shared/synRetransmitSchedule';
import type { Finding, KernelReport, KernelSample, TimeWaitCount } from '../shared/findings';
import { primaryListener } from './rules/backlogFixes';
import { readServerContext } from './serverContext';

export interface DiagnosisSession {
  /** Findings known before the load, e.g. concurrency above the effective backlog, listener missing on a resolved family. */
  readonly preflight: Finding[];
  /** Stop sampling, read counters/log again, apply the rules to the run's result. Never throws; unreadable things become notes. */
  finish(result: LoadResult): Promise<{ findings: Finding[]; kernel: KernelReport }>;
}

export interface DiagnosisOptions {
  /** 250..1000 ms; default 500. */
  sampleIntervalMs?: number;
  onSample?: (s: KernelSample) => void;
  now?: () => number;
  /** Which system's tools to read (default: this one). Tests run the macOS path on Linux with fake tools on PATH. */
  platform?: NodeJS.Platform;
  /** Sample on this thread instead of a thread of its own (see startKernelSampler). */
  samplerOnThisThread?: boolean;
}

/** What both supported systems read, each its own way. Only Linux has more: kernel log, limits, samples, TIME-WAIT. */
interface KernelProbe {
  readSettings(): Promise<SettingsReading>;
  readListeners(port: number | undefined, addresses: string[]): Promise<ListenerReading>;
  readCounters(): Promise<CounterReading>;
}

const PROBES: Partial<Record<NodeJS.Platform, KernelProbe>> = {
  linux: { readSettings: readLinuxSettings, readListeners: readLinuxListeners, readCounters: readLinuxCounters },
  darwin: { readSettings: readMacSettings, readListeners: readMacListeners, readCounters: readMacCounters },
};

/** The kernel log position and this process's open files, read before the run (Linux). */
async function readLinuxExtras() {
  const [log, limit, openFiles] = await Promise.all([markKernelLog(), readOpenFileLimit(), countOpenFiles()]);
  return { log, limit, openFiles };
}

const notAvailable = (platform: string) => `Kernel TCP diagnosis is not available on this OS (${platform}); only Linux and macOS are supported.`;

function reportListeners(ls: ListenerFacts[]): KernelReport['listeners'] {
  return ls.map((l) => ({ address: l.address, port: l.port, backlog: l.backlog, queued: l.queued, pid: l.pid, process: l.process }));
}

/** Reads settings, listeners, counters and kernel-log position; then samples every sampleIntervalMs until finish(). Never throws. */
export async function startDiagnosis(target: DiagnosisTarget, options: DiagnosisOptions = {}): Promise<DiagnosisSession> {
  const now = options.now ?? Date.now;
  const intervalMs = Math.min(1000, Math.max(250, options.sampleIntervalMs ?? 500));
  const platform = options.platform ?? process.platform;
  const probe = PROBES[platform];
  const mac = platform === 'darwin';
  const notes: string[] = [];
  let listenersReading: { readable: boolean; reason?: string; fallback?: string } = { readable: false };
  let countersWhy: string | undefined;
  let inContainer = false;
  const failures: string[] = [];
  const facts: DiagnosisFacts = {
    platform,
    target,
    settings: {},
    listeners: [],
    listenersOnPort: [],
    listenersReadable: false,
    counterDeltas: {},
    countersReadable: false,
    samples: [],
    synFloodLines: [],
  };
  let baseline: Record<string, number> = {};
  let logPos: KernelLogPosition = { readable: false, reason: notAvailable(platform) };
  let sampler: KernelSampler | undefined;
  let macSampler: MacSampler | undefined;
  let known: KnownListener[] = [];

  try {
    if (probe) {
      const [settings, listeners, counters, linux, container] = await Promise.all([
        probe.readSettings(),
        probe.readListeners(target.port, target.addresses),
        probe.readCounters(),
        platform === 'linux' ? readLinuxExtras() : undefined,
        platform === 'linux' ? runsInContainer() : false,
      ]);
      inContainer = container;
      listenersReading = { readable: listeners.readable, reason: listeners.reason };
      if (!listeners.readable && platform === 'linux') {
        const rows = await readProcNetTcp();
        if (rows) listenersReading.fallback = procListenerFallback(rows, target.port, TCP_STATE.LISTEN);
      }
      facts.settings = settings.settings;
      facts.listeners = listeners.matched;
      facts.listenersOnPort = listeners.onPort;
      facts.listenersReadable = listeners.readable;
      known = listeners.all;
      baseline = counters.counters;
      facts.countersReadable = mac ? baseline.ListenOverflows !== undefined : Object.keys(baseline).length > 0;
      if (!facts.countersReadable) countersWhy = counters.notes.join(' ').replace(/\.$/, '') || undefined;
      notes.push(...settings.notes, ...listeners.notes, ...counters.notes);
      facts.server = await readServerContext(primaryListener(facts));
      if (linux) {
        facts.openFileLimit = linux.limit.limit;
        facts.openFilesBefore = linux.openFiles;
        logPos = linux.log;
        if (linux.limit.note) notes.push(linux.limit.note);
      } else if (mac) {
        logPos = { readable: false, reason: 'The macOS kernel log is not read.' };
      }
    } else {
      notes.push(notAvailable(platform));
    }
  } catch (err) {
    notes.push(`Reading the kernel state failed: ${(err as Error).message}`);
  }

  // The rules speak Linux; on macOS their findings are told in macOS's terms (macos/macosFindings.ts).
  const localize = (fs: Finding[]) => (mac ? fs.map((f) => findingForMacos(f, facts.settings)) : fs);
  const preflight = localize(preflightFindings(facts, failures));
  const startedAt = now();
  if (platform === 'linux' && facts.countersReadable) {
    sampler = startKernelSampler(
      {
        queueIntervalMs: QUEUE_POLL_MS,
        sampleIntervalMs: intervalMs,
        baseline,
        // Epoch ms: the sampler's own thread counts sample times from it with its own clock.
        startedAt: Date.now(),
        known,
        targetKeys: facts.listeners.map((l) => listenerKey(l.address, l.port)),
        // A v6 socket (also a dual-stack "::" or a v4-mapped address) is in /proc/net/tcp6.
        targetFamilies: [...new Set(facts.listeners.map((l) => (l.address === '*' || l.address.includes(':') ? 6 : 4) as 4 | 6))],
      },
      options.onSample,
      { ownThread: !options.samplerOnThisThread },
    );
    // Sampling starts before the load does: a short run must not end before the first poll.
    await sampler.ready;
  } else if (mac && (facts.countersReadable || facts.listenersReadable)) {
    macSampler = startMacSampler({ intervalMs, port: target.port, addresses: target.addresses, baseline, startedAt, now, onSample: options.onSample });
  }

  const finish = async (result: LoadResult): Promise<{ findings: Finding[]; kernel: KernelReport }> => {
    const report: KernelReport = {
      platform,
      settings: facts.settings,
      listeners: reportListeners(facts.listeners),
      counterDeltas: {},
      samples: [],
      kernelLog: { readable: false, lines: [], reason: logPos.reason },
      notes,
    };
    try {
      await Promise.all([sampler?.stop(), macSampler?.stop()]);
      facts.samples = sampler?.samples ?? macSampler?.samples ?? [];
      report.samples = facts.samples;
      if (sampler && sampler.queuePolls > 0) {
        facts.queues = { listeners: sampler.queues, polls: sampler.queuePolls, pollMs: QUEUE_POLL_MS };
        report.listenerQueues = facts.queues.listeners;
      }
      if (sampler?.threadCpuMs !== undefined) {
        report.samplerCpuMs = sampler.threadCpuMs;
        if (sampler.startupCpuMs !== undefined) report.samplerStartupCpuMs = sampler.startupCpuMs;
      } else if (sampler?.busyMs !== undefined) {
        // On the caller's thread: no start-up, and its time measured around its own reads.
        report.samplerCpuMs = Math.ceil(sampler.busyMs);
        report.samplerStartupCpuMs = 0;
      }
      if (platform === 'linux') {
        const [after, log] = await Promise.all([readLinuxCounters(), readNewKernelLog(logPos)]);
        facts.counterDeltas = counterDeltas(baseline, after.counters);
        if (log.error) report.kernelLog = { readable: false, lines: [], reason: log.error };
        else {
          facts.synFloodLines = synFloodLines(log.lines, target.port);
          facts.kernelLogRead = true;
          report.kernelLog = { readable: true, lines: facts.synFloodLines };
        }
        facts.timeWait = await readTimeWait(target.port, sampler?.maxTimeWait, facts.settings, result);
        if (facts.timeWait) report.timeWait = facts.timeWait;
        notes.push(...after.notes);
      } else if (probe) {
        // macOS: its counter note would say again what it said before the run.
        const after = await probe.readCounters();
        facts.counterDeltas = counterDeltas(baseline, after.counters);
      }
      report.counterDeltas = facts.counterDeltas;
      report.openFileLimit = facts.openFileLimit;
      report.kernelRelease = release();
      const schedule = mac ? [...XNU_SYN_RETRANSMIT_SECONDS] : synRetransmitScheduleOf({ settings: facts.settings });
      if (schedule.length > 0) report.synRetransmitScheduleSeconds = schedule;
      const findings = localize(runFindings(facts, result, preflight, failures));
      notes.push(...failures);
      report.blindSpots = blindSpotsOf({
        platform,
        supported: probe !== undefined,
        listeners: listenersReading,
        somaxconnRead: somaxconnSetting(facts.settings) !== undefined,
        counters: { readable: facts.countersReadable, reason: countersWhy },
        kernelLog: { readable: report.kernelLog.readable, reason: report.kernelLog.reason },
        inContainer,
      });
      return { findings, kernel: report };
    } catch (err) {
      notes.push(`The diagnosis after the run failed: ${(err as Error).message}`);
      report.blindSpots = [{ id: 'diagnosis', text: `The diagnosis after the run failed (${(err as Error).message}): the run's kernel counters were not checked.` }];
      return { findings: [], kernel: report };
    }
  };

  return { preflight, finish };
}

/**
 * TIME-WAIT after the run: the namespace's total (sockstat, the most seen), and the target's own only when the
 * total could matter, i.e. half the local port range or connects that found no free port (one ss with a filter).
 */
async function readTimeWait(port: number, mostSeen: number | undefined, settings: Record<string, string>, result: LoadResult): Promise<TimeWaitCount | undefined> {
  const now = readTimeWaitTotal();
  if (now === undefined && mostSeen === undefined) return undefined;
  const count: TimeWaitCount = { total: Math.max(now ?? 0, mostSeen ?? 0) };
  const ports = ephemeralPortCount(settings) ?? 28_232;
  if (count.total >= ports * 0.5 || (result.errors.byCause.EADDRNOTAVAIL ?? 0) > 0) Object.assign(count, await readTimeWaitOnPort(port));
  return count;
}

/** Without a run: settings + listeners for a port, for "Show kernel TCP settings". */
export async function readKernelOverview(
  port?: number,
  platform: NodeJS.Platform = process.platform,
): Promise<{ settings: Record<string, string>; listeners: KernelReport['listeners']; notes: string[] }> {
  try {
    const probe = PROBES[platform];
    if (!probe) return { settings: {}, listeners: [], notes: [notAvailable(platform)] };
    const [s, l] = await Promise.all([probe.readSettings(), probe.readListeners(port, [])]);
    return { settings: s.settings, listeners: reportListeners(port === undefined ? l.all : l.onPort), notes: [...s.notes, ...l.notes] };
  } catch (err) {
    return { settings: {}, listeners: [], notes: [`Reading the kernel state failed: ${(err as Error).message}`] };
  }
}
