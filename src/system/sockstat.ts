// TIME-WAIT sockets of the namespace from /proc/net/sockstat ("TCP: inuse 5 orphan 0 tw 28000 alloc 7 mem 1"): one
// small line, against megabytes of /proc/net/tcp once tens of thousands of them exist. The count covers IPv4 and
// IPv6 (sockstat6 has no tw field).
import { readFileSync } from 'node:fs';

export function parseSockstatTimeWait(text: string): number | undefined {
  const m = /^TCP:.*\btw (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function readTimeWaitTotal(procRoot = '/proc'): number | undefined {
  try {
    return parseSockstatTimeWait(readFileSync(`${procRoot}/net/sockstat`, 'latin1'));
  } catch {
    return undefined;
  }
}
