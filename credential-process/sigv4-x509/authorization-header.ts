// The Authorization header (roles-anywhere.md §1.4 step 4): writing it and reading it back.

export interface AuthorizationFields {
  algorithm: string;
  /** Certificate serial number in decimal. */
  serialDecimal: string;
  /** `YYYYMMDD/region/service/aws4_request` */
  scope: string;
  /** Lower-case names joined with ';'. */
  signedHeaders: string;
  /** Lower-case hex. */
  signature: string;
}

export function authorizationHeader(fields: AuthorizationFields): string {
  return (
    `${fields.algorithm} Credential=${fields.serialDecimal}/${fields.scope}, ` +
    `SignedHeaders=${fields.signedHeaders}, Signature=${fields.signature}`
  );
}

/** Parses an Authorization header; returns undefined when it is not in the X.509 SigV4 form. */
export function parseAuthorizationHeader(value: string): AuthorizationFields | undefined {
  const m = /^(\S+) +(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const [, algorithm, rest] = m;
  const fields = new Map<string, string>();
  // Non-null: both groups of the regular expression above always take part in a match.
  for (const part of rest!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  const slash = credential.indexOf('/');
  if (slash <= 0) return undefined;
  return {
    // Non-null: the first group of the regular expression always takes part in a match.
    algorithm: algorithm!,
    serialDecimal: credential.slice(0, slash),
    scope: credential.slice(slash + 1),
    signedHeaders,
    signature,
  };
}
