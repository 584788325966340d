// Temporary credentials as CreateSession returns them (roles-anywhere.md §1.7) and the
// credential_process document printed from them (official-helper.md §2.5).

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601, passed through exactly as the service sent it. */
  expiration: string;
}

/** One line, keys in the official helper's order, no trailing newline. */
export function formatCredentialProcess(credentials: SessionCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: credentials.expiration,
  });
}

export function expirationMs(credentials: SessionCredentials): number {
  return Date.parse(credentials.expiration);
}

/** Parses a 2xx CreateSession body; undefined when it lacks usable credentials. */
export function parseCreateSessionResponse(body: Buffer): SessionCredentials | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const set = (value as { credentialSet?: unknown } | null)?.credentialSet;
  if (!Array.isArray(set) || set.length === 0) return undefined;
  return credentialsFromObject((set[0] as { credentials?: unknown } | null)?.credentials);
}

/** Checks an object of the `credentials` shape; undefined when a field is missing or empty. */
export function credentialsFromObject(value: unknown): SessionCredentials | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const c = value as Record<string, unknown>;
  const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const;
  if (!fields.every((f) => typeof c[f] === 'string' && c[f] !== '')) return undefined;
  if (Number.isNaN(Date.parse(c.expiration as string))) return undefined;
  return {
    accessKeyId: c.accessKeyId as string,
    secretAccessKey: c.secretAccessKey as string,
    sessionToken: c.sessionToken as string,
    expiration: c.expiration as string,
  };
}
