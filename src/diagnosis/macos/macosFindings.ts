// The rules speak Linux: counters by their /proc names, net.core.somaxconn, ss. On macOS their findings are told
// in macOS's terms here, in one place, before any consumer sees them:
// - evidence sources become the netstat line or sysctl that was read; evidence of a counter macOS does not print
//   is dropped (its 0 would be invented);
// - the somaxconn fix becomes kern.ipc.somaxconn's (with how it persists), and fixes that only exist on Linux
//   (/etc/sysctl.d, net.ipv4.*, limits.d) are dropped: no advice beats wrong advice.
import type { Evidence, Finding, FindingSubject, Fix } from '../../shared/findings';
import { MAC_SOMAXCONN, macSomaxconnFix } from './macSomaxconnFix';
import { macCounterSource } from '../../system/netstatTcpStats';

const LINUX_COUNTER = /^\/proc\/net\/(?:netstat TcpExt|snmp Tcp)\.(\w+)/;

const SOURCES: Array<[RegExp, string]> = [
  [/^ss -ltnp? Send-Q$/, 'netstat -Lan -p tcp (qlimit)'],
  [/^ss -ltnp?$/, 'netstat -Lan -p tcp'],
  [/^sampled \/proc\/net\/tcp rx_queue during the run$/, 'sampled netstat -Lan -p tcp (qlen) during the run'],
];

const WORDS: Array<[RegExp, string]> = [
  [/net\.core\.somaxconn/g, MAC_SOMAXCONN],
  [/\bnot found with ss\b/g, 'not found with netstat -L'],
  [/\(ss Send-Q\)/g, '(netstat -L qlimit)'],
  // Linux's accept queue takes one more than its limit; XNU refuses at the limit itself.
  [/ \(\+1\)/g, ''],
];

const LINUX_ONLY_FIX = /net\.ipv4\.|\/etc\/sysctl\.d|\/etc\/security\/limits\.d|\/proc\//;

function words(text: string): string {
  return WORDS.reduce((t, [re, to]) => t.replace(re, to), text);
}

function evidenceFor(e: Evidence): Evidence | undefined {
  const counter = LINUX_COUNTER.exec(e.source);
  if (counter) {
    const source = macCounterSource(counter[1]);
    return source ? { ...e, source: e.source.replace(/^\S+ \S+(.*)$/, `${source}$1`) } : undefined;
  }
  const known = SOURCES.find(([re]) => re.test(e.source));
  if (!known && /^\/proc\//.test(e.source)) return undefined; // a Linux file: nothing was read there on macOS
  return { ...e, label: words(e.label), source: known ? known[1] : e.source };
}

function fixFor(fix: Fix): Fix | undefined {
  const raise = /sysctl -w net\.core\.somaxconn=(\d+)/.exec(fix.command ?? '');
  if (raise) return macSomaxconnFix(Number(raise[1]));
  if (LINUX_ONLY_FIX.test(`${fix.command ?? ''} ${fix.persistent?.file ?? ''}`)) return undefined;
  return { ...fix, title: words(fix.title), detail: fix.detail && words(fix.detail) };
}

function subjectFor(s: FindingSubject, somaxconn: string | undefined): FindingSubject | undefined {
  if (s.kind !== 'sysctl') return s;
  if (s.key === 'net.core.somaxconn') return { ...s, key: MAC_SOMAXCONN, current: somaxconn };
  return undefined; // other Linux sysctls have no macOS twin here
}

/** The finding in macOS's terms; `settings` are the macOS sysctls read before the run. */
export function findingForMacos(f: Finding, settings: Record<string, string>): Finding {
  const somaxconn = settings[MAC_SOMAXCONN];
  const evidence = f.evidence.map(evidenceFor).filter((e): e is Evidence => e !== undefined);
  // Where the rule showed the queue's capacity, the cap behind it belongs next to it (the rule read Linux's).
  const capacityAt = evidence.findIndex((e) => e.source === 'netstat -Lan -p tcp (qlimit)');
  if (capacityAt >= 0 && somaxconn !== undefined && !evidence.some((e) => e.label === MAC_SOMAXCONN)) {
    evidence.splice(capacityAt + 1, 0, { label: MAC_SOMAXCONN, value: somaxconn, source: `sysctl -n ${MAC_SOMAXCONN}` });
  }
  return {
    ...f,
    title: words(f.title),
    explanation: words(f.explanation),
    evidence,
    fixes: f.fixes.map(fixFor).filter((x): x is Fix => x !== undefined),
    subjects: f.subjects?.map((s) => subjectFor(s, somaxconn)).filter((s): s is FindingSubject => s !== undefined),
  };
}
