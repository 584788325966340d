// IMDSv2 session tokens (official-helper.md §4.1): TTL 1..21600 s, bounded per client so that one
// client (remote address) minting tokens in a loop evicts only its own oldest tokens, never
// another client's. Pure: time and the client's address are passed in.

export const MAX_TOKEN_TTL_SECONDS = 21_600;
/** Live tokens one client (remote address) may hold; its oldest is evicted beyond. */
export const MAX_TOKENS_PER_CLIENT = 128;
/** Clients tracked at once; beyond, the one that least recently got a token loses its tokens. */
export const MAX_CLIENTS = 128;
/** Expired tokens of idle clients are dropped at most this often (each client's own on every add). */
const SWEEP_INTERVAL_MS = 60_000;

interface TokenEntry {
  client: string;
  expiresAtMs: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();
  /** Each client's tokens, oldest first; clients ordered by their latest token, least recent first. */
  private readonly clients = new Map<string, Set<string>>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  /** Stores a new token of `client` valid for `ttlSeconds` from `nowMs`. */
  add(token: string, ttlSeconds: number, nowMs: number, client: string): void {
    if (nowMs - this.lastSweepMs >= SWEEP_INTERVAL_MS) this.sweep(nowMs);
    let own = this.clients.get(client);
    if (own) {
      this.clients.delete(client);
      this.dropExpired(own, nowMs);
    } else {
      own = new Set();
      // Non-null: the map holds MAX_CLIENTS >= 1 entries here, so it has a first key.
      if (this.clients.size >= MAX_CLIENTS) this.forgetClient(this.clients.keys().next().value!);
    }
    this.clients.set(client, own);
    while (own.size >= MAX_TOKENS_PER_CLIENT) {
      // Non-null: own holds at least MAX_TOKENS_PER_CLIENT >= 1 tokens in this loop.
      const oldest = own.values().next().value!;
      own.delete(oldest);
      this.tokens.delete(oldest);
    }
    own.add(token);
    this.tokens.set(token, { client, expiresAtMs: nowMs + ttlSeconds * 1000 });
  }

  isValid(token: string | undefined, nowMs: number): boolean {
    const entry = token === undefined ? undefined : this.tokens.get(token);
    if (entry === undefined) return false;
    if (entry.expiresAtMs > nowMs) return true;
    // Non-null: token is defined whenever entry is.
    this.remove(token!, entry);
    return false;
  }

  get size(): number {
    return this.tokens.size;
  }

  /** Live tokens held for one client. */
  sizeOf(client: string): number {
    return this.clients.get(client)?.size ?? 0;
  }

  private remove(token: string, entry: TokenEntry): void {
    this.tokens.delete(token);
    const own = this.clients.get(entry.client);
    own?.delete(token);
    if (own?.size === 0) this.clients.delete(entry.client);
  }

  private dropExpired(own: Set<string>, nowMs: number): void {
    for (const token of own) {
      // Non-null: every token in a client's set is in the token map.
      if (this.tokens.get(token)!.expiresAtMs <= nowMs) {
        own.delete(token);
        this.tokens.delete(token);
      }
    }
  }

  private forgetClient(client: string): void {
    for (const token of this.clients.get(client) ?? []) this.tokens.delete(token);
    this.clients.delete(client);
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs;
    for (const [token, entry] of this.tokens) if (entry.expiresAtMs <= nowMs) this.remove(token, entry);
  }
}

/** The TTL header's value as IMDSv2 reads it; undefined when invalid. Absent means the maximum. */
export function parseTokenTtl(header: string | undefined): number | undefined {
  if (header === undefined) return MAX_TOKEN_TTL_SECONDS;
  if (!/^\d+$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}
