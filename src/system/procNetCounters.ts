// The kernel's TCP counters: /proc/net/netstat (TcpExt) and /proc/net/snmp (Tcp). Both files come as pairs of
// lines, "Section: names..." then "Section: values...". They count per network namespace, for every socket in it.
import { OpenProcFile } from './procFile';

export type CounterTable = Record<string, Record<string, number>>;

/** Parses the "Section: names / Section: values" line pairs of /proc/net/netstat and /proc/net/snmp. */
export function parseProcNetCounters(text: string): CounterTable {
  const table: CounterTable = {};
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i].split(/\s+/);
    const vals = lines[i + 1].split(/\s+/);
    if (head[0] !== vals[0] || !head[0].endsWith(':')) continue;
    // The value line of a pair starts with digits; a names line followed by another names line is no pair.
    if (vals.length < 2 || !/^-?\d+$/.test(vals[1])) continue;
    const section = head[0].slice(0, -1);
    const row: Record<string, number> = {};
    for (let k = 1; k < head.length && k < vals.length; k++) {
      const n = Number(vals[k]);
      if (Number.isFinite(n)) row[head[k]] = n;
    }
    table[section] = row;
    i++;
  }
  return table;
}

/** The counters the rules read, by kernel name, with the section they live in. */
export const TRACKED_COUNTERS: ReadonlyArray<readonly [section: 'TcpExt' | 'Tcp', name: string]> = [
  ['TcpExt', 'ListenOverflows'],
  ['TcpExt', 'ListenDrops'],
  ['TcpExt', 'SyncookiesSent'],
  ['TcpExt', 'SyncookiesRecv'],
  ['TcpExt', 'SyncookiesFailed'],
  ['TcpExt', 'TCPReqQFullDoCookies'],
  ['TcpExt', 'TCPReqQFullDrop'],
  ['TcpExt', 'EmbryonicRsts'],
  ['TcpExt', 'TCPSynRetrans'],
  ['TcpExt', 'TCPTimeouts'],
  ['TcpExt', 'TCPAbortOnClose'],
  ['TcpExt', 'TCPAbortOnData'],
  ['TcpExt', 'TCPTimeWaitOverflow'],
  ['TcpExt', 'TW'],
  ['Tcp', 'ActiveOpens'],
  ['Tcp', 'PassiveOpens'],
  ['Tcp', 'AttemptFails'],
  ['Tcp', 'EstabResets'],
  ['Tcp', 'OutRsts'],
  ['Tcp', 'RetransSegs'],
];

const SECTION_FILE: Record<string, string> = { TcpExt: '/proc/net/netstat', Tcp: '/proc/net/snmp' };

/** Where a counter is read, for evidence: "/proc/net/netstat TcpExt.ListenOverflows". */
export function counterSource(name: string): string {
  const entry = TRACKED_COUNTERS.find(([, n]) => n === name);
  if (!entry) return name;
  return `${SECTION_FILE[entry[0]]} ${entry[0]}.${name}`;
}

/** Flattens the tracked counters of both files to kernel names; counters this kernel lacks are left out. */
export function pickTrackedCounters(netstat: CounterTable, snmp: CounterTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [section, name] of TRACKED_COUNTERS) {
    const v = (section === 'TcpExt' ? netstat : snmp)[section]?.[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** after - before for every counter present in both. Counters only grow, so a negative delta means a reset: 0. */
export function counterDeltas(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, v] of Object.entries(after)) {
    const b = before[name];
    if (b === undefined) continue;
    out[name] = Math.max(0, v - b);
  }
  return out;
}

export interface CounterReading {
  counters: Record<string, number>;
  notes: string[];
}

/** /proc/net/netstat and /proc/net/snmp, kept open by a sampler across its samples (see procFile.ts). */
export interface CounterFiles {
  netstat: OpenProcFile;
  snmp: OpenProcFile;
}

export function openCounterFiles(procRoot = '/proc'): CounterFiles {
  return { netstat: new OpenProcFile(`${procRoot}/net/netstat`), snmp: new OpenProcFile(`${procRoot}/net/snmp`) };
}

export function closeCounterFiles(files: CounterFiles): void {
  files.netstat.close();
  files.snmp.close();
}

/**
 * Reads both files; what cannot be read becomes a note. Synchronous reads inside: two small /proc files cost ~80 us
 * this way, against ~500 us through the promise API's thread pool (measured in the sampler's thread, 2 cores).
 */
export function readLinuxCountersFrom(files: CounterFiles): CounterReading {
  const notes: string[] = [];
  const read = (file: OpenProcFile): CounterTable => {
    try {
      return parseProcNetCounters(file.readText());
    } catch (err) {
      notes.push(`${file.path} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
      return {};
    }
  };
  return { counters: pickTrackedCounters(read(files.netstat), read(files.snmp)), notes };
}

/** One reading of the counters (opens the files and closes them again). */
export async function readLinuxCounters(): Promise<CounterReading> {
  const files = openCounterFiles();
  try {
    return readLinuxCountersFrom(files);
  } finally {
    closeCounterFiles(files);
  }
}
