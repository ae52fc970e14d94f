// Which header and query names carry credentials, so that an exported script reads them from the environment
// instead of carrying them into a repository, a ConfigMap or a ticket.

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** Catches x-api-key, x-auth-token, x-csrf-token, session-id, api_secret, password, signature, credentials... */
const SECRET_PARTS = /(auth|token|secret|key|session|passw|signature|credential|cookie|jwt|sid)/i;

export function isSecretName(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_PARTS.test(name);
}

/** HEADER_AUTHORIZATION, QUERY_API_KEY: a valid environment variable name in every shell. */
export function secretEnvName(kind: 'HEADER' | 'QUERY', name: string): string {
  return `${kind}_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')}`;
}
