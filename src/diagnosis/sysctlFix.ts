// A sysctl change in the two forms a user needs: now (sysctl -w, lost at reboot) and persistent (/etc/sysctl.d).
import type { Fix } from '../shared/findings';

export function sysctlFix(key: string, value: string | number, title: string, detail?: string): Fix {
  return {
    title,
    kind: 'command',
    command: `sudo sysctl -w ${key}=${String(value).includes(' ') ? `"${value}"` : value}`,
    persistent: { file: '/etc/sysctl.d/90-load-test-localhost.conf', content: `${key} = ${value}\n` },
    detail,
  };
}

/** A backlog worth suggesting: at least 4096 (the modern somaxconn default) and the concurrency, as a power of two. */
export function suggestedBacklog(connections: number): number {
  let b = 4096;
  while (b < connections * 2 && b < 65535) b *= 2;
  return Math.min(b, 65535);
}
