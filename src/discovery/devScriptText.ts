// How a dev script is named in a notification: plain text (notifications render no Markdown, so no backticks), the
// command in quotes, then the tool and the port it is expected on.
import type { DevScript } from './candidate';

export function describeScript(script: DevScript): string {
  const facts = [script.framework, script.expectedPort !== undefined ? `port ${script.expectedPort}` : 'port not known yet'].filter(Boolean);
  return `"${script.runCommand}" (${facts.join(', ')})`;
}
