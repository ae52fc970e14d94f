// Kernel TCP diagnosis around a load run: read settings, listeners and counters before, sample during, apply the
// rules after. Plain Node (no vscode). Nothing here throws at the caller: what cannot be read becomes a note.
import { release } from 'node:os';
import type { LoadResult } from '../shared/result';
import { preflightFindings, runFindings } from './applyRules';
import type { DiagnosisTarget } from './diagnosisTarget';
import { markKernelLog, readNewKernelLog, synFloodLines, type KernelLogPosition } from './kernelLog';
import { startKernelSampler, type KernelSampler } from './kernelSampler';
import { readLinuxSettings, readMacSettings, type SettingsReading } from './kernelSettings';
import { readLinuxListeners, type ListenerReading } from './listenerProbe';
import { readMacCounters, readMacListeners } from './macosProbe';
import { counterDeltas, readLinuxCounters, type CounterReading } from '../system/procNetCounters';
import { readProcNetTcp } from '../system/procNetTcp';
import { countTimeWait, mostTimeWait } from './timeWait';
import { countOpenFiles, readOpenFileLimit } from '../system/processLimits';
import type { DiagnosisFacts, ListenerFacts } from './rules/diagnosisFacts';
import { synRetransmitScheduleOf } from '../shared/synRetransmitSchedule';
import type { Finding, KernelReport, KernelSample } from '../shared/findings';

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

const notAvailable = (platform: string) => `Kernel TCP diagnosis is not available on this OS (${platform}); only Linux (and, unverified, macOS) are supported.`;

function reportListeners(ls: ListenerFacts[]): KernelReport['listeners'] {
  return ls.map((l) => ({ address: l.address, port: l.port, backlog: l.backlog, queued: l.queued, pid: l.pid, process: l.process }));
}

/** Reads settings, listeners, counters and kernel-log position; then samples every sampleIntervalMs until finish(). Never throws. */
export async function startDiagnosis(target: DiagnosisTarget, options: DiagnosisOptions = {}): Promise<DiagnosisSession> {
  const now = options.now ?? Date.now;
  const intervalMs = Math.min(1000, Math.max(250, options.sampleIntervalMs ?? 500));
  const platform = process.platform;
  const probe = PROBES[platform];
  const notes: string[] = [];
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

  try {
    if (probe) {
      const [settings, listeners, counters, linux] = await Promise.all([
        probe.readSettings(),
        probe.readListeners(target.port, target.addresses),
        probe.readCounters(),
        platform === 'linux' ? readLinuxExtras() : undefined,
      ]);
      facts.settings = settings.settings;
      facts.listeners = listeners.matched;
      facts.listenersOnPort = listeners.onPort;
      facts.listenersReadable = listeners.readable;
      baseline = counters.counters;
      facts.countersReadable = Object.keys(baseline).length > 0;
      notes.push(...settings.notes, ...listeners.notes, ...counters.notes);
      if (linux) {
        facts.openFileLimit = linux.limit.limit;
        facts.openFilesBefore = linux.openFiles;
        logPos = linux.log;
        if (linux.limit.note) notes.push(linux.limit.note);
      } else if (platform === 'darwin') {
        notes.push('macOS: no samples during the run, no kernel log (not verified on a Mac).');
        logPos = { readable: false, reason: 'The macOS kernel log has no SYN-flood lines to read here.' };
      }
    } else {
      notes.push(notAvailable(platform));
    }
  } catch (err) {
    notes.push(`Reading the kernel state failed: ${(err as Error).message}`);
  }

  const preflight = preflightFindings(facts, failures);
  const startedAt = now();
  if (platform === 'linux' && facts.countersReadable) {
    sampler = startKernelSampler({ intervalMs, port: target.port, listeners: facts.listeners, baseline, startedAt, now, onSample: options.onSample });
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
      await sampler?.stop();
      facts.samples = sampler?.samples ?? [];
      report.samples = facts.samples;
      if (platform === 'linux') {
        const [after, log, rows] = await Promise.all([readLinuxCounters(), readNewKernelLog(logPos), readProcNetTcp()]);
        facts.counterDeltas = counterDeltas(baseline, after.counters);
        if (log.error) report.kernelLog = { readable: false, lines: [], reason: log.error };
        else {
          facts.synFloodLines = synFloodLines(log.lines, target.port);
          report.kernelLog = { readable: true, lines: facts.synFloodLines };
        }
        if (rows) {
          const tw = countTimeWait(rows, target.port);
          facts.timeWait = sampler ? mostTimeWait(tw, sampler.maxTimeWait) : tw;
          report.timeWait = facts.timeWait;
        }
        notes.push(...after.notes);
      } else if (probe) {
        // macOS: its counter note would say again what it said before the run.
        const after = await probe.readCounters();
        facts.counterDeltas = counterDeltas(baseline, after.counters);
      }
      report.counterDeltas = facts.counterDeltas;
      report.openFileLimit = facts.openFileLimit;
      report.kernelRelease = release();
      const schedule = synRetransmitScheduleOf({ settings: facts.settings });
      if (schedule.length > 0) report.synRetransmitScheduleSeconds = schedule;
      const findings = runFindings(facts, result, preflight, failures);
      notes.push(...failures);
      return { findings, kernel: report };
    } catch (err) {
      notes.push(`The diagnosis after the run failed: ${(err as Error).message}`);
      return { findings: [], kernel: report };
    }
  };

  return { preflight, finish };
}

/** Without a run: settings + listeners for a port, for "Show kernel TCP settings". */
export async function readKernelOverview(
  port?: number,
): Promise<{ settings: Record<string, string>; listeners: KernelReport['listeners']; notes: string[] }> {
  try {
    const probe = PROBES[process.platform];
    if (!probe) return { settings: {}, listeners: [], notes: [notAvailable(process.platform)] };
    const [s, l] = await Promise.all([probe.readSettings(), probe.readListeners(port, [])]);
    return { settings: s.settings, listeners: reportListeners(port === undefined ? l.all : l.onPort), notes: [...s.notes, ...l.notes] };
  } catch (err) {
    return { settings: {}, listeners: [], notes: [`Reading the kernel state failed: ${(err as Error).message}`] };
  }
}
