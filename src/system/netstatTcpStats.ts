// `netstat -s -p tcp` on macOS: one counter per line, "\t%u listen queue overflow%s\n" (network_cmds,
// netstat.tproj/inet.c, tcp_stats()). With a single -s every line is printed, zeros included; the plural "s" is
// there when the count is not 1. Only the lines below are read; macOS prints no SYN-cookie or SYN-queue counters.
import { runCommand } from './runCommand';

/**
 * The lines read, by the name the diagnosis uses. Only ListenOverflows has a Linux twin the rules share
 * (tcps_listendrop counts what TcpExt.ListenOverflows counts: a completed handshake that found the accept queue
 * full). The others keep macOS names: their Linux look-alikes count different events.
 */
export const MAC_TCP_COUNTERS: ReadonlyArray<{ name: string; line: RegExp; printed: string; field: string }> = [
  { name: 'ListenOverflows', line: /^listen queue overflows?$/, printed: 'listen queue overflows', field: 'tcps_listendrop' },
  { name: 'MacConnectionRequests', line: /^connection requests?$/, printed: 'connection requests', field: 'tcps_connattempt' },
  { name: 'MacConnectionAccepts', line: /^connection accepts?$/, printed: 'connection accepts', field: 'tcps_accepts' },
  { name: 'MacBadConnectionAttempts', line: /^bad connection attempts?$/, printed: 'bad connection attempts', field: 'tcps_badsyn' },
  { name: 'MacEmbryonicDrops', line: /^embryonic connections? dropped$/, printed: 'embryonic connections dropped', field: 'tcps_conndrops' },
  { name: 'MacRetransmitTimeouts', line: /^retransmit timeouts?$/, printed: 'retransmit timeouts', field: 'tcps_rexmttimeo' },
];

export function parseNetstatTcpStats(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of text.split('\n')) {
    const m = /^\s*(\d+)\s+(.*?)\s*$/.exec(raw);
    if (!m) continue;
    const counter = MAC_TCP_COUNTERS.find((c) => c.line.test(m[2]));
    if (counter && out[counter.name] === undefined) out[counter.name] = Number(m[1]);
  }
  return out;
}

/** Where a counter was read on macOS, for evidence; undefined for counters macOS does not print. */
export function macCounterSource(name: string): string | undefined {
  const c = MAC_TCP_COUNTERS.find((x) => x.name === name);
  return c && `netstat -s -p tcp "${c.printed}" (${c.field})`;
}

/** Runs `netstat -s -p tcp`; `error` says why it could not be read. */
export async function readNetstatTcpStats(): Promise<{ counters: Record<string, number>; error?: string }> {
  const out = await runCommand('netstat', ['-s', '-p', 'tcp']);
  return out.ok ? { counters: parseNetstatTcpStats(out.stdout) } : { counters: {}, error: out.error };
}
