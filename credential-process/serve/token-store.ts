// IMDSv2 session tokens (official-helper.md §4.1): TTL 1..21600 s, at most 256 live tokens
// (the earliest-expiring is evicted), expired ones swept on every use. Pure: time is passed in.

export const MAX_TOKEN_TTL_SECONDS = 21_600;
export const MAX_TOKENS = 256;

export class TokenStore {
  private readonly expiries = new Map<string, number>();

  /** Stores a new token valid for `ttlSeconds` from `nowMs`. */
  add(token: string, ttlSeconds: number, nowMs: number): void {
    this.sweep(nowMs);
    if (this.expiries.size >= MAX_TOKENS) {
      let earliest: string | undefined;
      // Non-null: earliest is a key taken from this map in this same loop.
      for (const [t, expiry] of this.expiries) if (earliest === undefined || expiry < this.expiries.get(earliest)!) earliest = t;
      // Non-null: the map holds at least MAX_TOKENS entries here, so the loop set earliest.
      this.expiries.delete(earliest!);
    }
    this.expiries.set(token, nowMs + ttlSeconds * 1000);
  }

  isValid(token: string | undefined, nowMs: number): boolean {
    this.sweep(nowMs);
    return token !== undefined && this.expiries.has(token);
  }

  get size(): number {
    return this.expiries.size;
  }

  private sweep(nowMs: number): void {
    for (const [token, expiry] of this.expiries) if (expiry <= nowMs) this.expiries.delete(token);
  }
}

/** The TTL header's value as IMDSv2 reads it; undefined when invalid. Absent means the maximum. */
export function parseTokenTtl(header: string | undefined): number | undefined {
  if (header === undefined) return MAX_TOKEN_TTL_SECONDS;
  if (!/^\d+$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}
