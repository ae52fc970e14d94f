// Runs the rules without letting one broken rule take the diagnosis down, and merges what was said before the
// run with what the run showed.
import type { LoadResult } from '../shared/result';
import { PREFLIGHT_RULES, RUN_RULES } from './rules/allRules';
import { ACCEPT_QUEUE_OVERFLOW } from './rules/acceptQueueOverflow';
import { BACKLOG_BELOW_CONCURRENCY } from './rules/backlogBelowConcurrency';
import { NO_LISTENER } from './rules/addressFamilyMismatch';
import type { DiagnosisFacts } from './rules/diagnosisFacts';
import { errorCount } from './rules/runSymptoms';
import type { Finding } from '../shared/findings';

function safely<T>(apply: () => T | undefined, failures: string[], name: string): T | undefined {
  try {
    return apply();
  } catch (err) {
    failures.push(`Rule ${name} failed: ${(err as Error).message}`);
    return undefined;
  }
}

export function preflightFindings(facts: DiagnosisFacts, failures: string[] = []): Finding[] {
  return PREFLIGHT_RULES.map((r) => safely(() => r(facts), failures, r.name)).filter((f): f is Finding => f !== undefined);
}

/** Findings that follow from an accept-queue overflow and share its fixes. */
const OVERFLOW_SYMPTOMS = new Set(['syn-retransmit-delays', 'starved-connections', 'stalls-after-connect']);

/** Queue findings that make a before-the-run backlog warning redundant. */
const QUEUE_TROUBLE = new Set(['accept-queue-overflow', 'syn-queue-drops', 'syn-queue-cookies', 'abort-on-overflow-resets', 'resets-after-overflow']);

/**
 * Findings after the run. Preflight findings stay when the run did not settle them, but a warning the run did not
 * bear out drops to "info" (a healthy run carries no warning).
 */
export function runFindings(facts: DiagnosisFacts, result: LoadResult, preflight: Finding[], failures: string[] = []): Finding[] {
  let found = RUN_RULES.map((r) => safely(() => r(facts, result), failures, r.name)).filter((f): f is Finding => f !== undefined);
  // Symptoms of an overflow point at its fixes instead of repeating them.
  // Named by the overflow finding's title: the reader sees titles, never ids.
  const overflow = found.find((f) => f.id === ACCEPT_QUEUE_OVERFLOW);
  if (overflow) {
    const fix = { title: `Fix the accept-queue overflow first: see "${overflow.title}"`, kind: 'advice' as const };
    found = found.map((f) => (OVERFLOW_SYMPTOMS.has(f.id) ? { ...f, fixes: [fix] } : f));
  }
  const ids = new Set(found.map((f) => f.id));
  const queueTrouble = found.some((f) => QUEUE_TROUBLE.has(f.id));
  const kept: Finding[] = [];
  for (const p of preflight) {
    if (ids.has(p.id)) continue;
    if (p.id === BACKLOG_BELOW_CONCURRENCY && queueTrouble) continue;
    if (p.id === NO_LISTENER) {
      if (errorCount(result, 'ECONNREFUSED') > 0) kept.push({ ...p, severity: 'error' });
      continue; // the server came up after the check: nothing to say
    }
    kept.push(
      p.severity === 'error' || p.severity === 'warning'
        ? { ...p, severity: 'info', explanation: `${p.explanation} (Seen before the run; the run itself showed no trouble from it.)` }
        : p,
    );
  }
  return [...found, ...kept];
}
