// nginx `listen` directives. nginx passes 511 to listen() on Linux unless `backlog=N` is given. The parameters
// of one address:port may be set in only one listen directive, so the edit is offered on the first one only.
import { maskCode } from './codeMask';
import { lineAndCharacter, type ListenSite } from './listenSite';

export const NGINX_DEFAULT_BACKLOG = 511;

export function findNginxListenSites(text: string): ListenSite[] {
  const masked = maskCode(text, 'hash-comments');
  const sites: ListenSite[] = [];
  const seenAddresses = new Set<string>();
  const directive = /(?<![\w$])listen\s+([^;{}]+);/dg;
  for (let m = directive.exec(masked); m; m = directive.exec(masked)) {
    const [paramsStart, paramsEnd] = m.indices![1];
    const params = text.slice(paramsStart, paramsEnd);
    const address = params.trim().split(/\s+/)[0] ?? '';
    if (address.startsWith('unix:')) continue;
    const site: ListenSite = {
      api: 'nginx-listen',
      apiLabel: 'nginx listen',
      span: { start: m.index, end: m.index + m[0].length },
      ...lineAndCharacter(text, m.index),
      defaultBacklog: NGINX_DEFAULT_BACKLOG,
      defaultSource: 'nginx passes 511 to listen() on Linux unless backlog= is set',
    };
    const port = /(?:^|:)(\d{1,5})$/.exec(address);
    site.port = { text: address, value: port ? Number(port[1]) : /^[\w.*[\]:-]+$/.test(address) ? 80 : undefined };
    const backlog = /(?<=\s)backlog=(\S*)/.exec(params);
    if (backlog) {
      const start = paramsStart + backlog.index + 'backlog='.length;
      const span = { start, end: start + backlog[1].length };
      site.backlog = { text: backlog[1], value: /^\d+$/.test(backlog[1]) ? Number(backlog[1]) : undefined, span };
      site.backlogEdit = { span, prefix: '', suffix: '' };
    } else if (!seenAddresses.has(address)) {
      site.backlogEdit = { span: { start: paramsEnd, end: paramsEnd }, prefix: ' backlog=', suffix: '' };
    }
    seenAddresses.add(address);
    sites.push(site);
  }
  return sites;
}

/** A `.conf` file that is an nginx config (by its content), for files not marked as nginx by the editor. */
export function looksLikeNginxConfig(text: string): boolean {
  const masked = maskCode(text, 'hash-comments');
  return /(?<![\w$])(?:server|http|upstream|location)\s*[^;{}]*\{/.test(masked) && /(?<![\w$])listen\s+[^;{}]+;/.test(masked);
}
