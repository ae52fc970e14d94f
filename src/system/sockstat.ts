// TIME-WAIT sockets of the namespace from /proc/net/sockstat ("TCP: inuse 5 orphan 0 tw 28000 alloc 7 mem 1"): one
// small line, against megabytes of /proc/net/tcp once tens of thousands of them exist. The count covers IPv4 and
// IPv6 (sockstat6 has no tw field).
import { OpenProcFile } from './procFile';

export function parseSockstatTimeWait(text: string): number | undefined {
  const m = /^TCP:.*\btw (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The namespace's TIME-WAIT count; from `file` when the caller keeps /proc/net/sockstat open across samples. */
export function readTimeWaitTotal(procRoot = '/proc', file?: OpenProcFile): number | undefined {
  const sockstat = file ?? new OpenProcFile(`${procRoot}/net/sockstat`);
  try {
    return parseSockstatTimeWait(sockstat.readText());
  } catch {
    return undefined;
  } finally {
    if (!file) sockstat.close();
  }
}
