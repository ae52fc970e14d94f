// The words of the listen-site hints: a one-line lens and a hover, from a site, somaxconn and the last findings.
import type { Finding } from '../shared/findings';
import { effectiveBacklog } from './effectiveBacklog';
import type { ListenSite } from './listenSite';
import { findingOneLine } from './findingPlacement';
import type { Recheck } from './findingRecheck';

function requestedText(site: ListenSite): string {
  if (site.backlog) return site.backlog.value !== undefined ? String(site.backlog.value) : site.backlog.text;
  return site.defaultBacklog === 'somaxconn' ? 'somaxconn' : `${site.defaultBacklog} (default)`;
}

/**
 * "Listen backlog 511 (default), effective 511": short, since every lens of a line shares one row; the formula
 * min(backlog, somaxconn) is in the hover.
 */
export function listenLensTitle(site: ListenSite, somaxconn: number | undefined): string {
  const effective = effectiveBacklog(site.backlog?.value, site.defaultBacklog, somaxconn);
  const cap = somaxconn !== undefined ? `somaxconn ${somaxconn}` : 'somaxconn ?';
  if (site.backlog && site.backlog.value === undefined) {
    return `Listen backlog ${site.backlog.text}, capped at ${cap}`;
  }
  if (effective.requested === 'somaxconn') {
    return `Listen backlog = ${cap} (${site.apiLabel} asks for the kernel maximum)`;
  }
  if (effective.value === undefined || somaxconn === undefined) return `Listen backlog ${requestedText(site)}, ${cap}`;
  const by = effective.limitedBy === 'somaxconn' ? ` (capped by ${cap})` : '';
  return `Listen backlog ${requestedText(site)}, effective ${effective.value}${by}`;
}

/** "$(error) Last run: Accept queue overflowed": the title only; the evidence is in the hover. */
export function findingLensTitle(finding: Finding): string {
  const icon = finding.severity === 'error' ? '$(error)' : finding.severity === 'warning' ? '$(warning)' : '$(info)';
  return `${icon} Last run: ${finding.title}`;
}

/** Markdown for the hover over a listen site. */
export function listenHoverMarkdown(
  site: ListenSite,
  somaxconn: number | undefined,
  findings: Finding[],
  connections: number | undefined,
  /** Per finding, what the code says now (same order). */
  rechecks: Recheck[] = [],
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
  findings.forEach((finding, i) => {
    lines.push('', `**Last run:** ${findingOneLine(finding, connections)}`);
    const recheck = rechecks[i];
    if (recheck?.fixedInCode) {
      lines.push(`- Since then fixed in the code${recheck.remaining ? ` (${recheck.remaining})` : ''}: run again to confirm.`);
      return;
    }
    const fix = finding.fixes[0];
    if (fix) lines.push(`- ${fix.title}${fix.command ? `: \`${fix.command}\`` : ''}`);
  });
  return lines.join('\n');
}
