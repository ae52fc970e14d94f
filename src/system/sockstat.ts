// TIME-WAIT sockets of the namespace from /proc/net/sockstat ("TCP: inuse 5 orphan 0 tw 28000 alloc 7 mem 1"): one
// small line, against megabytes of /proc/net/tcp once tens of thousands of them exist. The count covers IPv4 and
// IPv6 (sockstat6 has no tw field).
import { OpenProcFile } from './procFile';

export function parseSockstatTimeWait(text: string): number | undefined {
  const m = /^TCP:.*\btw (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** /proc/net/sockstat, kept open by a sampler across its samples (see procFile.ts). */
export function openSockstat(procRoot = '/proc'): OpenProcFile {
  return new OpenProcFile(`${procRoot}/net/sockstat`);
}

/** The namespace's TIME-WAIT count, read through a file the caller keeps open. */
export function readTimeWaitFrom(sockstat: OpenProcFile): number | undefined {
  try {
    return parseSockstatTimeWait(sockstat.readText());
  } catch {
    return undefined;
  }
}

/** One reading of the TIME-WAIT count (opens the file and closes it again). */
export function readTimeWaitTotal(procRoot = '/proc'): number | undefined {
  const sockstat = openSockstat(procRoot);
  try {
    return readTimeWaitFrom(sockstat);
  } finally {
    sockstat.close();
  }
}
