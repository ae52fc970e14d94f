// Where the findings of a run belong in the workspace: listen-backlog findings at the listen sites of the same
// port (every listen site when none matches), sysctl findings at the entries of that key in sysctl files.
import type { Finding, FindingSubject } from '../shared/findings';
import type { RunResult } from '../shared/result';
import type { ListenSite } from './listenSite';
import type { SysctlEntry } from './sysctlConf';
import { macosSysctlAdvice } from './macosSysctlAdvice';

type ListenBacklogSubject = Extract<FindingSubject, { kind: 'listen-backlog' }>;
type SysctlSubject = Extract<FindingSubject, { kind: 'sysctl' }>;

export interface Placed<T> {
  file: string;
  at: T;
  finding: Finding;
}

function listenSubjects(finding: Finding): ListenBacklogSubject[] {
  return (finding.subjects ?? []).filter((s): s is ListenBacklogSubject => s.kind === 'listen-backlog');
}

function sysctlSubjects(finding: Finding): SysctlSubject[] {
  return (finding.subjects ?? []).filter((s): s is SysctlSubject => s.kind === 'sysctl');
}

export function placeListenFindings(
  findings: Finding[],
  sites: Array<{ file: string; site: ListenSite }>,
): Array<Placed<ListenSite>> {
  const placed: Array<Placed<ListenSite>> = [];
  for (const finding of findings) {
    const ports = new Set(listenSubjects(finding).map((s) => s.port));
    if (ports.size === 0) continue;
    const matching = sites.filter(({ site }) => site.port?.value !== undefined && ports.has(site.port.value));
    for (const { file, site } of matching.length > 0 ? matching : sites) placed.push({ file, at: site, finding });
  }
  return placed;
}

export function placeSysctlFindings(
  findings: Finding[],
  files: Array<{ file: string; entries: SysctlEntry[] }>,
): Array<Placed<SysctlEntry>> {
  const placed: Array<Placed<SysctlEntry>> = [];
  for (const finding of findings) {
    const keys = new Set(sysctlSubjects(finding).map((s) => s.key));
    for (const { file, entries } of files) {
      for (const entry of entries) if (keys.has(entry.key)) placed.push({ file, at: entry, finding });
    }
  }
  return placed;
}

/** The first numeric evidence, e.g. "ListenOverflows +369" (a `+` for counter deltas). */
function headlineEvidence(finding: Finding): string | undefined {
  const evidence = finding.evidence.find((e) => typeof e.value === 'number') ?? finding.evidence[0];
  if (!evidence) return undefined;
  const isDelta = typeof evidence.value === 'number' && evidence.value > 0 && /delta/i.test(evidence.source);
  // A counter's rise reads as "ListenOverflows +369"; a plain value gets an "=", or a label ending in an address
  // runs into it ("… of 127.0.0.1:39271 8").
  return isDelta ? `${evidence.label} +${evidence.value}` : `${evidence.label} = ${evidence.value}`;
}

/** One line for a lens or the Problems view: "Accept queue overflowed: ListenOverflows +369 at 50 connections". */
export function findingOneLine(finding: Finding, connections?: number): string {
  const evidence = headlineEvidence(finding);
  const at = connections !== undefined ? ` at ${connections} connections` : '';
  return evidence ? `${finding.title}: ${evidence}${at}` : `${finding.title}${at}`;
}

/** The backlog to write in a quick fix: what the finding suggests, else enough for the run (at least 4096). */
export function suggestedBacklog(findings: Finding[], site: ListenSite | undefined, connections?: number): number {
  for (const finding of findings) {
    for (const subject of listenSubjects(finding)) {
      if (subject.suggested !== undefined && (site?.port?.value === undefined || site.port.value === subject.port)) {
        return subject.suggested;
      }
    }
  }
  return Math.max(4096, connections ?? 0);
}

/** What the last run suggests for a sysctl key, if anything. */
export function suggestedSysctl(findings: Finding[], key: string): { value: string; finding: Finding } | undefined {
  for (const finding of findings) {
    const subject = sysctlSubjects(finding).find((s) => s.key === key && s.suggested !== undefined);
    if (subject?.suggested !== undefined) return { value: subject.suggested, finding };
  }
  return undefined;
}

export const SYSCTL_CONF_PATH = '/etc/sysctl.d/90-load-test-localhost.conf';

/** The kernel settings the last run's fixes name, with the titles of the findings they come from. */
export function suggestedSysctls(result: RunResult | undefined): { settings: Map<string, string>; sources: string[] } {
  const settings = new Map<string, string>();
  const sources: string[] = [];
  for (const finding of result?.findings ?? []) {
    for (const fix of finding.fixes) {
      if (!fix.persistent) continue;
      for (const line of fix.persistent.content.split('\n')) {
        const m = /^\s*-?\s*([\w./-]+)\s*=\s*(.+?)\s*$/.exec(line);
        if (m && !line.trim().startsWith('#') && !line.trim().startsWith(';')) settings.set(m[1].replace(/\//g, '.'), m[2]);
      }
      if (!sources.includes(finding.title)) sources.push(finding.title);
    }
    for (const subject of sysctlSubjects(finding)) {
      if (subject.suggested !== undefined && !settings.has(subject.key)) {
        settings.set(subject.key, subject.suggested);
        if (!sources.includes(finding.title)) sources.push(finding.title);
      }
    }
  }
  return { settings, sources };
}

/** Content for /etc/sysctl.d/90-load-test-localhost.conf from the last run's fixes, with how to apply it. */
export function sysctlConfContent(result: RunResult | undefined): string {
  if (result?.kernel?.platform === 'darwin') return macosSysctlAdvice(result);
  const { settings, sources } = suggestedSysctls(result);
  const lines = [
    `# ${SYSCTL_CONF_PATH}`,
    '# Kernel settings for load testing local servers, suggested by Load Test Localhost.',
  ];
  if (settings.size === 0) {
    lines.push('# The last run suggested no kernel setting. Example (the listen backlog cap):', '# net.core.somaxconn = 4096');
  } else {
    lines.push(`# From: ${sources.join('; ')}`);
    for (const [key, value] of settings) lines.push(`${key} = ${value}`);
  }
  lines.push(
    '#',
    '# Save this file as root at the path above, then apply it without a reboot:',
    '#   sudo sysctl --system',
    '# (`sudo sysctl -w key=value` applies one setting until the next reboot only.)',
    '# A raised net.core.somaxconn helps only up to the backlog the server passes to listen(): raise both,',
    '# then restart the server so that it listens again.',
    '',
  );
  return lines.join('\n');
}
