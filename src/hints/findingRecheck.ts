// A finding is from the last run; the code may have changed since. Re-checked against the listen site as the
// editor reads it now (unsaved edits count): when the code now asks for at least the suggested backlog, and asked
// for less during the run, the finding is "fixed in the code" until a new run confirms it.
import type { Finding, FindingSubject } from '../shared/findings';
import { effectiveBacklog } from './effectiveBacklog';
import type { ListenSite } from './listenSite';
import type { SysctlEntry } from './sysctlConf';

type ListenBacklogSubject = Extract<FindingSubject, { kind: 'listen-backlog' }>;

export interface Recheck {
  fixedInCode: boolean;
  /** What is still in the way after the code fix, e.g. "somaxconn 128 still caps it at 128". */
  remaining?: string;
}

function subjectFor(finding: Finding, site: ListenSite): ListenBacklogSubject | undefined {
  const subjects = (finding.subjects ?? []).filter((s): s is ListenBacklogSubject => s.kind === 'listen-backlog' && s.suggested !== undefined);
  return subjects.find((s) => s.port === site.port?.value) ?? subjects[0];
}

export function recheckListenFinding(finding: Finding, site: ListenSite, somaxconn: number | undefined): Recheck {
  const subject = subjectFor(finding, site);
  if (!subject?.suggested) return { fixedInCode: false };
  const requested = site.backlog ? site.backlog.value : site.defaultBacklog;
  if (requested === undefined) return { fixedInCode: false }; // computed in code: cannot tell
  const asksEnough = requested === 'somaxconn' || requested >= subject.suggested;
  // A run whose listen() argument was already large enough was capped elsewhere (somaxconn): the code is not the fix.
  const askedLess = subject.listenArgument === undefined || subject.listenArgument < subject.suggested;
  if (!asksEnough || !askedLess) return { fixedInCode: false };
  const effective = effectiveBacklog(typeof requested === 'number' ? requested : undefined, site.defaultBacklog, somaxconn).value;
  const remaining =
    somaxconn !== undefined && effective !== undefined && effective < subject.suggested
      ? `net.core.somaxconn ${somaxconn} still caps it at ${effective}`
      : undefined;
  return { fixedInCode: true, remaining };
}

/** A sysctl entry edited since the run to at least what the finding suggests (applied only after sysctl --system). */
export function recheckSysctlFinding(finding: Finding, entry: SysctlEntry): Recheck {
  const subject = (finding.subjects ?? []).find((s) => s.kind === 'sysctl' && s.key === entry.key);
  if (subject?.kind !== 'sysctl' || subject.suggested === undefined) return { fixedInCode: false };
  const now = Number(entry.value);
  const suggested = Number(subject.suggested);
  if (!Number.isFinite(now) || !Number.isFinite(suggested) || now < suggested) return { fixedInCode: false };
  return { fixedInCode: true, remaining: 'apply it with sudo sysctl --system' };
}

/** The Problems view's words: every entry says it is from the last run. */
export function lastRunMessage(oneLine: string, recheck: Recheck, where: 'code' | 'file'): string {
  if (!recheck.fixedInCode) return `Last run: ${oneLine}`;
  const fixed = where === 'code' ? 'fixed in the code' : 'changed in this file';
  return `Last run: ${oneLine}. Since then ${fixed}${recheck.remaining ? ` (${recheck.remaining})` : ''}; run again to confirm.`;
}
