// serve's pure parts: IMDSv2 token bookkeeping and the credential refresher's policy (fail fast,
// one refresh at a time, background refresh, last good credentials kept, never expired ones).
import { describe, expect, it } from 'vitest';
import type { SessionCredentials } from '../credentials.js';
import { CredentialRefresher, REFRESH_BEFORE_EXPIRY_MS } from './credential-refresher.js';
import { MAX_TOKENS, parseTokenTtl, TokenStore } from './token-store.js';

describe('TokenStore', () => {
  it('expires tokens by TTL and evicts the earliest-expiring beyond 256', () => {
    const store = new TokenStore();
    store.add('a', 10, 0);
    expect(store.isValid('a', 9_999)).toBe(true);
    expect(store.isValid('a', 10_000)).toBe(false);
    for (let i = 0; i < MAX_TOKENS; i++) store.add(`t${i}`, 100 + i, 0);
    store.add('last', 1000, 0);
    expect(store.size).toBe(MAX_TOKENS);
    expect(store.isValid('t0', 1)).toBe(false);
    expect(store.isValid('t1', 1)).toBe(true);
    expect(store.isValid(undefined, 1)).toBe(false);
  });

  it('reads the TTL header: absent means 21600, else 1..21600', () => {
    expect(parseTokenTtl(undefined)).toBe(21_600);
    expect(parseTokenTtl('1')).toBe(1);
    expect([parseTokenTtl('0'), parseTokenTtl('21601'), parseTokenTtl('1.5'), parseTokenTtl('')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

function harness(fetch: () => Promise<SessionCredentials>) {
  let now = 0;
  const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const log: string[] = [];
  const refresher = new CredentialRefresher({
    fetch,
    now: () => now,
    random: () => 0.5,
    setTimer: (run, ms) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
    log: (line) => log.push(line),
  });
  const advance = async (ms: number): Promise<void> => {
    now += ms;
    for (const t of timers.filter((t) => !t.cancelled && t.at <= now)) {
      t.cancelled = true;
      t.run();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { refresher, advance, log, timers, setNow: (ms: number) => (now = ms) };
}

const expiringAt = (ms: number, id: string): SessionCredentials => ({ accessKeyId: id, secretAccessKey: 's', sessionToken: 't', expiration: new Date(ms).toISOString() });

describe('CredentialRefresher', () => {
  it('throws on a cold-start failure and serves nothing', async () => {
    const { refresher } = harness(async () => {
      throw new Error('refused');
    });
    await expect(refresher.start()).rejects.toThrow('refused');
    expect(refresher.current()).toBeUndefined();
  });

  it('refreshes in the background 5 minutes before expiry', async () => {
    let n = 0;
    const { refresher, advance } = harness(async () => expiringAt(3_600_000 * ++n, `k${n}`));
    await refresher.start();
    expect(refresher.current()?.credentials.accessKeyId).toBe('k1');
    await advance(3_600_000 - REFRESH_BEFORE_EXPIRY_MS - 1);
    expect(n).toBe(1);
    await advance(1);
    expect(n).toBe(2);
    expect(refresher.current()?.credentials.accessKeyId).toBe('k2');
  });

  it('runs one refresh at a time', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const { refresher } = harness(async () => {
      calls++;
      if (calls > 1) await new Promise<void>((resolve) => (release = resolve));
      return expiringAt(10 * 3_600_000, `k${calls}`);
    });
    await refresher.start();
    const a = refresher.refresh();
    const b = refresher.refresh();
    expect(a).toBe(b);
    release();
    await a;
    expect(calls).toBe(2);
  });

  it('keeps the last good credentials after a failed refresh, and stops serving them at expiry', async () => {
    let fail = false;
    const { refresher, advance, log } = harness(async () => {
      if (fail) throw new Error('HTTP 500');
      return expiringAt(3_600_000, 'good');
    });
    await refresher.start();
    fail = true;
    await refresher.refresh();
    expect(refresher.current()?.credentials.accessKeyId).toBe('good');
    expect(log[0]).toMatch(/^iamra: refresh failed: HTTP 500; serving the previous credentials until they expire; retrying in \d+ s$/);
    await advance(3_600_000);
    expect(refresher.current()).toBeUndefined();
  });
});
