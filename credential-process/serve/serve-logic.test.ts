// serve's pure parts: IMDSv2 token bookkeeping and the credential refresher's policy (fail fast,
// one refresh at a time, background refresh, last good credentials kept, never expired ones).
import { describe, expect, it } from 'vitest';
import type { SessionCredentials } from '../credentials.js';
import { CredentialRefresher, REFRESH_BEFORE_EXPIRY_MS } from './credential-refresher.js';
import { MAX_CLIENTS, MAX_TOKENS_PER_CLIENT, parseTokenTtl, TokenStore } from './token-store.js';

describe('TokenStore', () => {
  it('expires tokens by TTL', () => {
    const store = new TokenStore();
    store.add('a', 10, 0, '127.0.0.1');
    expect(store.isValid('a', 9_999)).toBe(true);
    expect(store.isValid('a', 10_000)).toBe(false);
    expect(store.isValid(undefined, 1)).toBe(false);
    expect(store.size).toBe(0);
  });

  it('#9: a client beyond its quota evicts only its own oldest tokens', () => {
    const store = new TokenStore();
    store.add('other', 60, 0, '10.0.0.2');
    for (let i = 0; i < MAX_TOKENS_PER_CLIENT + 10; i++) store.add(`t${i}`, 60, i, '10.0.0.1');
    expect(store.sizeOf('10.0.0.1')).toBe(MAX_TOKENS_PER_CLIENT);
    expect(store.isValid('other', 1000)).toBe(true);
    expect([store.isValid('t0', 1000), store.isValid('t9', 1000), store.isValid('t10', 1000), store.isValid(`t${MAX_TOKENS_PER_CLIENT + 9}`, 1000)]).toEqual([false, false, true, true]);
  });

  it('forgets the client that least recently got a token when too many clients hold tokens', () => {
    const store = new TokenStore();
    for (let i = 0; i < MAX_CLIENTS; i++) store.add(`c${i}`, 60, i, `10.0.${i >> 8}.${i & 255}`);
    store.add('c0-again', 60, 500, '10.0.0.0');
    store.add('newcomer', 60, 501, '192.0.2.1');
    expect(store.isValid('c0', 502)).toBe(true);
    expect(store.isValid('c1', 502)).toBe(false);
    expect(store.isValid('c2', 502)).toBe(true);
    expect(store.isValid('newcomer', 502)).toBe(true);
  });

  it('lets expired tokens free a client\'s quota', () => {
    const store = new TokenStore();
    for (let i = 0; i < MAX_TOKENS_PER_CLIENT; i++) store.add(`old${i}`, 1, 0, '10.0.0.1');
    store.add('fresh', 60, 5_000, '10.0.0.1');
    expect(store.sizeOf('10.0.0.1')).toBe(1);
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
