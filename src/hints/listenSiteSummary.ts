// The words of the listen-site hints: a one-line lens and a hover, from a site, somaxconn and the last findings.
import type { Finding } from '../shared/findings';
import { effectiveBacklog } from './effectiveBacklog';
import type { ListenSite } from './listenSite';
import { findingOneLine } from './findingPlacement';

function requestedText(site: ListenSite): string {
  if (site.backlog) return site.backlog.value !== undefined ? String(site.backlog.value) : site.backlog.text;
  return site.defaultBacklog === 'somaxconn' ? 'somaxconn' : `${site.defaultBacklog} (default)`;
}

/** "Listen backlog 511 (Node default): effective min(511, somaxconn 4096) = 511". */
export function listenLensTitle(site: ListenSite, somaxconn: number | undefined): string {
  const effective = effectiveBacklog(site.backlog?.value, site.defaultBacklog, somaxconn);
  const cap = somaxconn !== undefined ? `somaxconn ${somaxconn}` : 'somaxconn ?';
  if (site.backlog && site.backlog.value === undefined) {
    return `Listen backlog ${site.backlog.text}, capped at ${cap}`;
  }
  if (effective.requested === 'somaxconn') {
    return `Listen backlog = ${cap} (${site.apiLabel} asks for the kernel maximum)`;
  }
  const result = effective.value !== undefined && somaxconn !== undefined ? ` = ${effective.value}` : '';
  return `Listen backlog ${requestedText(site)}: effective min(${effective.requested}, ${cap})${result}`;
}

export function findingLensTitle(finding: Finding, connections: number | undefined): string {
  const icon = finding.severity === 'error' ? '$(error)' : finding.severity === 'warning' ? '$(warning)' : '$(info)';
  return `${icon} ${findingOneLine(finding, connections)}`;
}

/** Markdown for the hover over a listen site. */
export function listenHoverMarkdown(
  site: ListenSite,
  somaxconn: number | undefined,
  findings: Finding[],
  connections: number | undefined,
): string {
  const effective = effectiveBacklog(site.backlog?.value, site.defaultBacklog, somaxconn);
  const lines: string[] = [`**Listen backlog** of ${site.apiLabel}${site.port?.value ? ` (port ${site.port.value})` : ''}`, ''];
  if (site.backlog) {
    lines.push(`- listen() is given \`${site.backlog.text}\` (set here)`);
  } else if (site.defaultBacklog === 'somaxconn') {
    lines.push(`- listen() is given somaxconn: ${site.defaultSource}`);
  } else {
    lines.push(`- listen() is given **${site.defaultBacklog}**: ${site.defaultSource}`);
  }
  lines.push(somaxconn !== undefined
    ? `- \`net.core.somaxconn\` is **${somaxconn}**: the kernel caps every backlog at it`
    : '- `net.core.somaxconn` could not be read: the kernel caps every backlog at it');
  if (effective.value !== undefined) {
    const requested = effective.requested === 'somaxconn' ? 'somaxconn' : String(effective.requested);
    lines.push(`- accept queue = min(${requested}, ${somaxconn ?? '?'}) = **${effective.value}**, set by ${
      effective.limitedBy === 'somaxconn' ? '`net.core.somaxconn`' : 'the listen() argument'}`);
  }
  for (const finding of findings) {
    lines.push('', `**Last run:** ${findingOneLine(finding, connections)}`);
    const fix = finding.fixes[0];
    if (fix) lines.push(`- ${fix.title}${fix.command ? `: \`${fix.command}\`` : ''}`);
  }
  return lines.join('\n');
}
