// macOS has no /etc/sysctl.d: the "sysctl.conf content" of a run on a Mac is the fix's own command and the
// LaunchDaemon that keeps it across restarts (both carried by the findings), said as comments and the plist.
import type { RunResult } from '../shared/result';

export function macosSysctlAdvice(result: RunResult): string {
  const fixes = result.findings.flatMap((f) => f.fixes).filter((f) => f.command?.startsWith('sudo sysctl -w kern.'));
  const lines = ['# macOS has no /etc/sysctl.d, and Apple does not document that current releases read /etc/sysctl.conf.'];
  if (fixes.length === 0) {
    lines.push('# The last run suggested no kernel setting. Example (the listen backlog cap, 128 by default):', '#   sudo sysctl -w kern.ipc.somaxconn=4096', '');
    return lines.join('\n');
  }
  const seen = new Set<string>();
  for (const fix of fixes) {
    if (seen.has(fix.command!)) continue;
    seen.add(fix.command!);
    lines.push('# Now, until the next restart:', `#   ${fix.command}`);
    if (fix.persistent) {
      lines.push(`# To keep it, save what follows as ${fix.persistent.file}, then:`, `#   sudo launchctl bootstrap system ${fix.persistent.file}`, fix.persistent.content.trimEnd());
    }
  }
  lines.push('# Then restart the server so that it listens again.', '');
  return lines.join('\n');
}
