// Every connection is a file descriptor of the load generator; EMFILE ends connects once the soft limit is hit.
import type { Finding } from '../../shared/findings';
import type { DiagnosisFacts } from './diagnosisFacts';
import type { PreflightRule, RunRule } from './ruleTypes';
import { errorCount } from './runSymptoms';

export const OPEN_FILE_LIMIT = 'open-file-limit';

function finding(facts: DiagnosisFacts, severity: Finding['severity'], title: string, emfile: number): Finding {
  const soft = facts.openFileLimit?.soft;
  const hard = facts.openFileLimit?.hard;
  const suggested = Math.max(65535, facts.target.connections * 2);
  // A soft limit can be raised up to the hard one by anyone; beyond it needs root (or a new login after limits.d).
  const needed = facts.target.connections + (facts.openFilesBefore ?? 0) + 64;
  const command = hard === undefined || hard >= needed ? `ulimit -n ${Math.min(suggested, hard ?? suggested)}` : `sudo prlimit --pid $PPID --nofile=${suggested}:${suggested}`;
  return {
    id: OPEN_FILE_LIMIT,
    severity,
    title,
    explanation:
      "Each connection needs a file descriptor in the load generator's process; its soft limit (ulimit -n) caps how many it can have open, together with the files it already holds.",
    evidence: [
      { label: 'Open-file soft limit', value: soft ?? 'unlimited', source: '/proc/self/limits "Max open files"' },
      { label: 'Open-file hard limit', value: hard ?? 'unlimited', source: '/proc/self/limits "Max open files"' },
      ...(facts.openFilesBefore !== undefined ? [{ label: 'Descriptors open before the run', value: facts.openFilesBefore, source: '/proc/self/fd' }] : []),
      { label: 'Concurrent connections of the run', value: facts.target.connections, source: 'run options' },
      ...(emfile > 0 ? [{ label: 'EMFILE errors', value: emfile, source: 'run errors' }] : []),
    ],
    fixes: [
      {
        title: 'Raise the open-file limit in the shell that starts the tool (or VS Code)',
        kind: 'command',
        command,
        persistent: { file: '/etc/security/limits.d/90-load-test-localhost.conf', content: `*  soft  nofile  ${suggested}\n*  hard  nofile  ${Math.max(suggested, hard ?? 0)}\n` },
        detail:
          (hard !== undefined && hard < needed ? `The hard limit (${hard}) is below what the run needs, so only root can raise it. ` : '') +
          'For a systemd user session set DefaultLimitNOFILE= instead; log in again for it to apply.',
      },
      { title: 'Or lower the concurrency', kind: 'advice' },
    ],
    subjects: [{ kind: 'client-limit', name: 'nofile', current: soft?.toString(), suggested: String(suggested) }],
  };
}

/** Room left below the soft limit for the run's sockets (plus a margin for what the process opens meanwhile). */
function tooClose(facts: DiagnosisFacts): boolean {
  const soft = facts.openFileLimit?.soft;
  if (soft === undefined) return false;
  return facts.target.connections + (facts.openFilesBefore ?? 0) + 32 > soft;
}

export const openFileLimitPreflight: PreflightRule = (facts) =>
  tooClose(facts)
    ? finding(facts, 'warning', `Open-file limit ${facts.openFileLimit?.soft} leaves too little room for ${facts.target.connections} connections`, 0)
    : undefined;

export const openFileLimitAfterRun: RunRule = (facts, result) => {
  const emfile = errorCount(result, 'EMFILE');
  if (emfile < 1) return undefined;
  return finding(facts, 'error', `${emfile} connect${emfile === 1 ? '' : 's'} failed: too many open files (EMFILE)`, emfile);
};
