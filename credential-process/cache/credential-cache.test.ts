// The credential cache: what the key depends on, the safety margin, private files only.
import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_SAFETY_MARGIN_MS, cacheDirectory, cacheKey, isCacheEnabled, readCachedCredentials, writeCachedCredentials } from './credential-cache.js';

const BASE = {
  certificateFingerprint: 'ab'.repeat(32),
  trustAnchorArn: 'ta',
  profileArn: 'p',
  roleArn: 'r',
  durationSeconds: 3600,
  endpoint: 'https://rolesanywhere.us-east-1.amazonaws.com/',
  region: 'us-east-1',
};

describe('credential cache', () => {
  it('keys on every session parameter', () => {
    const key = cacheKey(BASE);
    const variants = [
      { certificateFingerprint: 'cd'.repeat(32) },
      { trustAnchorArn: 'ta2' },
      { profileArn: 'p2' },
      { roleArn: 'r2' },
      { durationSeconds: 900 },
      { roleSessionName: 'n' },
      { endpoint: 'http://127.0.0.1:1/' },
      { region: 'eu-west-1' },
    ];
    const keys = variants.map((v) => cacheKey({ ...BASE, ...v }));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
    expect(cacheKey({ ...BASE })).toBe(key);
  });

  it('lives in $XDG_CACHE_HOME/iamra or ~/.cache/iamra; enabled by flag or IAMRA_CREDENTIAL_CACHE', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/x/iamra');
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.cache/iamra');
    expect([isCacheEnabled(false, {}), isCacheEnabled(true, {}), isCacheEnabled(false, { IAMRA_CREDENTIAL_CACHE: '1' }), isCacheEnabled(false, { IAMRA_CREDENTIAL_CACHE: '0' })]).toEqual([false, true, true, false]);
  });

  it('serves an entry until the safety margin before expiry, from a private file only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'iamra-cache-')), 'iamra');
    const expiresAt = Date.parse('2030-01-01T01:00:00Z');
    const credentials = { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: '2030-01-01T01:00:00Z' };
    writeCachedCredentials(dir, 'k', credentials);
    expect(readdirSync(dir)).toEqual(['k.json']);
    expect(statSync(join(dir, 'k.json')).mode & 0o777).toBe(0o600);
    expect(readCachedCredentials(dir, 'k', expiresAt - CACHE_SAFETY_MARGIN_MS - 1)).toEqual(credentials);
    expect(readCachedCredentials(dir, 'k', expiresAt - CACHE_SAFETY_MARGIN_MS)).toBeUndefined();
    expect(readCachedCredentials(dir, 'other', 0)).toBeUndefined();
    chmodSync(join(dir, 'k.json'), 0o640);
    expect(readCachedCredentials(dir, 'k', 0)).toBeUndefined();
  });
});
