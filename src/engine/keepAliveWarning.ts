// A keep-alive run whose server closed every connection measured something else: say so with the numbers.
import { formatCount } from '../shared/formatNumbers';

/**
 * Fewer than two requests per connection on average, in a keep-alive run of more than one round: the server closed
 * the connections (HTTP/1.0-style servers do: python http.server, Flask's dev server, PHP -S), so the run measured
 * a new connection per request and must not be read as a keep-alive result.
 */
export function keepAliveNotInEffect(keepAlive: boolean, connections: number, opened: number, completed: number): string | undefined {
  if (!keepAlive || completed === 0 || opened <= connections || completed >= 2 * opened) return undefined;
  const perConnection = completed / opened;
  return (
    `Keep-alive was not in effect: the server closed its connections, so ${formatCount(opened)} connections were opened for ` +
    `${formatCount(completed)} responses (${perConnection.toFixed(1)} per connection). This run measured a new connection per request, as --no-keepalive would ` +
    '(HTTP/1.0-style servers such as python http.server, Flask\'s dev server and PHP -S close every connection).'
  );
}
