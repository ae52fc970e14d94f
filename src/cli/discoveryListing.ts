// `load-test-localhost --discover`: what discovery found in this folder, as text for a person or JSON for a script.
// Command lines come from /proc and file names from the workspace: they are made printable before they are shown.
import type { DiscoveryReport } from '../discovery';
import { printable } from '../shared/printableText';

export interface ListedServer {
  url: string;
  port: number;
  /** "listening" (running now), "configured" (named by the folder's configuration), "default-port". */
  source: string;
  running: boolean;
  framework?: string;
  pid?: number;
  commandLine?: string;
  /** Accept-queue capacity (ss -ltn Send-Q). */
  backlog?: number;
  /** How it was found, in words. */
  foundBy: string;
}

export interface DiscoveryListing {
  folder: string;
  servers: ListedServer[];
  /** Scripts that would start a dev server (run only with --start). */
  startable: Array<{ command: string; framework?: string; port?: number }>;
  notes: string[];
}

export function discoveryListing(folder: string, report: DiscoveryReport): DiscoveryListing {
  return {
    folder,
    servers: report.candidates.map((c) => ({
      url: c.url,
      port: c.port,
      source: c.source,
      running: c.source === 'listening',
      framework: c.framework,
      pid: c.pid,
      commandLine: c.commandLine !== undefined ? printable(c.commandLine) : undefined,
      backlog: c.backlog,
      foundBy: printable(c.detail),
    })),
    startable: report.startable.map((s) => ({ command: printable(s.runCommand), framework: s.framework, port: s.expectedPort })),
    notes: report.notes.map(printable),
  };
}

export function formatDiscoveryListing(l: DiscoveryListing): string {
  const lines = [`Dev servers of ${l.folder}`];
  const running = l.servers.filter((s) => s.running);
  const known = l.servers.filter((s) => !s.running);
  if (running.length === 0) lines.push('  running: none');
  for (const s of running) {
    lines.push(`  ${s.url}  ${s.framework ?? 'server'}`);
    if (s.pid !== undefined) lines.push(`      process  pid ${s.pid}${s.commandLine ? `  ${s.commandLine}` : ''}`);
    lines.push(`      backlog  ${s.backlog !== undefined ? `${s.backlog} (ss -ltn Send-Q)` : 'unknown'}`);
    lines.push(`      found    ${s.foundBy}`);
  }
  if (known.length > 0) {
    // Not started from this folder: its port may be free, or held by another process (then `found` says so).
    lines.push('  named by the configuration, not running from this folder:');
    for (const s of known) lines.push(`    port ${s.port}  ${s.framework ?? ''}  ${s.foundBy}`.replace(/ {3,}/g, '  '));
  }
  if (l.startable.length > 0) {
    lines.push('  scripts that start one (load-test-localhost --start runs the first):');
    for (const s of l.startable) lines.push(`    ${s.command}${s.framework ? `  (${s.framework}${s.port ? `, port ${s.port}` : ''})` : ''}`);
  }
  for (const note of l.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
