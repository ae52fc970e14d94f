// Findings are data: the CLI prints them, the panel shows them, the editor hints place them. No consumer re-derives them.

export type Severity = 'error' | 'warning' | 'info';

/** One number (or fact) behind a finding, and where it was read. */
export interface Evidence {
  label: string;
  value: string | number;
  /** Where it was read, e.g. "/proc/net/netstat TcpExt.ListenOverflows (delta over the run)" or "ss -ltn". */
  source: string;
}

export interface Fix {
  title: string;
  kind: 'command' | 'code' | 'config' | 'advice';
  /** A shell command to run now (e.g. `sudo sysctl -w net.core.somaxconn=4096`). */
  command?: string;
  /** How to make it survive a reboot, e.g. the content of /etc/sysctl.d/90-load-test.conf. */
  persistent?: { file: string; content: string };
  /** For code fixes: the snippet to use, e.g. `server.listen({ port: 3000, backlog: 4096 })`. */
  snippet?: string;
  detail?: string;
}

/** What a finding is about, so that editor hints can place it where the fix belongs. */
export type FindingSubject =
  | { kind: 'sysctl'; key: string; current?: string; suggested?: string }
  | {
      kind: 'listen-backlog';
      port: number;
      pid?: number;
      /** Effective accept-queue capacity (ss Send-Q). */
      effective?: number;
      /** The listen() argument when known, e.g. 511 for Node. */
      listenArgument?: number;
      suggested?: number;
    }
  | { kind: 'client-limit'; name: string; current?: string; suggested?: string };

export interface Finding {
  /** Stable per rule, e.g. "accept-queue-overflow". */
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  evidence: Evidence[];
  fixes: Fix[];
  subjects?: FindingSubject[];
}

/** One sample of the kernel counters taken during the run, lined up with the throughput series. */
export interface KernelSample {
  /** Milliseconds since the load started. */
  tMs: number;
  /** Counter deltas since the run started, keyed by kernel name (ListenOverflows, SyncookiesSent, EstabResets, ...). */
  deltas: Record<string, number>;
  /** The target listener's longest accept queue since the previous sample (polled every 100 ms), when readable. */
  acceptQueue?: { length: number; capacity: number };
}

/** Something the diagnosis could not read, and what that hides. */
export interface BlindSpot {
  id: 'platform' | 'diagnosis' | 'listen-backlog' | 'somaxconn' | 'counters' | 'kernel-log' | 'syn-queue' | 'network-namespace';
  /** One line: what could not be read, what that hides, and how to read it when there is a way. */
  text: string;
  /** Only a reminder of what the readings cover (a container's own counters): the checks themselves ran. */
  caveat?: boolean;
}

/** TIME-WAIT sockets counted in /proc/net/tcp{,6}. */
export interface TimeWaitCount {
  total: number;
  /** Either end is the target port: the run's own connections. Counted (ss) only when `total` called for it. */
  onPort?: number;
  /**
   * The client closed first: the TIME-WAIT socket holds a local (ephemeral) port towards the target. Only these
   * use up ip_local_port_range; a server-side TIME-WAIT is taken over by the next SYN of the same 4-tuple.
   */
  clientSide?: number;
}
/** What one listener's queue did during the run. */
export interface ListenerQueueSeen {
  address: string;
  port: number;
  /** Accept-queue capacity (ss Send-Q); unknown for a listener that was not there before the run. */
  capacity?: number;
  /** Longest queue in any poll. */
  peak: number;
  /** Polls that found it at (or over) its capacity. */
  fullPolls: number;
  /** Polls that found it at all (its family's table is polled less often when the target is not in it). */
  polls: number;
  /** True for the listeners the run's target addresses reach. */
  target: boolean;
  pid?: number;
  process?: string;
}

/** "Max open files" of /proc/self/limits. */
export interface OpenFileLimit {
  /** undefined = unlimited */
  soft?: number;
  hard?: number;
}

/** What the diagnosis read about the kernel and the target, every field named so the panel reads it rather than recomputing it. */
export interface KernelReport {
  /** `process.platform` of the machine that ran the load ('linux', 'darwin', ...). */
  platform: string;
  /** Settings read before the run, keyed by sysctl name, e.g. "net.core.somaxconn": "4096". */
  settings: Record<string, string>;
  /** Listening sockets that match the target (ss -ltn), with their real backlog. */
  listeners: Array<{ address: string; port: number; backlog: number; queued: number; pid?: number; process?: string }>;
  /** Counter deltas over the whole run. */
  counterDeltas: Record<string, number>;
  samples: KernelSample[];
  /** New kernel log lines about the target port, or why they could not be read. */
  kernelLog: { readable: boolean; lines: string[]; reason?: string };
  /** Anything that could not be read, said plainly. */
  notes: string[];
  /** Most TIME-WAIT sockets seen during or right after the run (Linux). */
  timeWait?: TimeWaitCount;
  /** Every listener's accept queue over the run, polled every 100 ms (Linux): which ones were seen full. */
  listenerQueues?: ListenerQueueSeen[];
  /**
   * CPU (ms) of the kernel sampling over the run (Linux): its own thread's, start-up included, at 10 ms resolution;
   * where it runs on the caller's thread (the CLI), the time its reads took, which bounds their CPU from above.
   */
  samplerCpuMs?: number;
  /** The part of samplerCpuMs spent starting the thread, before the load started (ms). */
  samplerStartupCpuMs?: number;
  /** RLIMIT_NOFILE of the process that ran the load (Linux). */
  openFileLimit?: OpenFileLimit;
  /** `uname -r`, e.g. "6.18.0". */
  kernelRelease?: string;
  /**
   * Seconds after the first SYN at which the client kernel retransmits it, from tcp_syn_retries and
   * tcp_syn_linear_timeouts (src/shared/synRetransmitSchedule.ts). Absent when tcp_syn_retries was not readable.
   */
  synRetransmitScheduleSeconds?: number[];
  /** What the diagnosis could not see and what that hides; "no trouble found" only when no non-caveat is here. */
  blindSpots?: BlindSpot[];
}
