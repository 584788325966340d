// The service's quotas (roles-anywhere.md §6, quotas.html): resource counts per account and
// Region, enforced by default, and the documented request rates, enforced with
// --enforce-rate-limits. `--quotas FILE` raises the adjustable ones; the per-anchor limits
// (2 certificates, 2 CRLs) are not adjustable.

export interface Quotas {
  trustAnchors: number;
  profiles: number;
  /** CreateSession per second (per certificate and IP, as the service keys it). */
  createSessionPerSecond: number;
  trustAnchorCallsPerSecond: number;
  profileCallsPerSecond: number;
  crlCallsPerSecond: number;
  subjectCallsPerSecond: number;
  taggingCallsPerSecond: number;
}

export const DEFAULT_QUOTAS: Readonly<Quotas> = Object.freeze({
  trustAnchors: 50,
  profiles: 250,
  createSessionPerSecond: 10,
  trustAnchorCallsPerSecond: 1,
  profileCallsPerSecond: 1,
  crlCallsPerSecond: 1,
  subjectCallsPerSecond: 1,
  taggingCallsPerSecond: 1,
});

const NOT_ADJUSTABLE = ['crlsPerTrustAnchor', 'certificatesPerTrustAnchor', 'rolesPerProfile'];
const MAX_QUOTA = 1_000_000;

/** Why a quotas document is refused; the caller words it for its input (a file, an option). */
export class QuotasInvalid extends Error {}

/** Reads `{"trustAnchors": 100, ...}`: known keys only, integers from the default up to 1,000,000. */
export function parseQuotas(value: unknown): Quotas {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new QuotasInvalid('expected a JSON object of quota names to numbers');
  const quotas: Quotas = { ...DEFAULT_QUOTAS };
  for (const [name, raw] of Object.entries(value)) {
    if (NOT_ADJUSTABLE.includes(name)) throw new QuotasInvalid(`${name} is not adjustable`);
    if (!Object.hasOwn(DEFAULT_QUOTAS, name)) throw new QuotasInvalid(`unknown quota ${name}; known: ${Object.keys(DEFAULT_QUOTAS).join(', ')}`);
    const key = name as keyof Quotas;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < DEFAULT_QUOTAS[key] || raw > MAX_QUOTA) {
      throw new QuotasInvalid(`${name} must be an integer from its default ${DEFAULT_QUOTAS[key]} to ${MAX_QUOTA} (got ${JSON.stringify(raw)})`);
    }
    quotas[key] = raw;
  }
  return quotas;
}
