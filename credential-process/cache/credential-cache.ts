// The on-disk credential cache behind --cache (issue 4, official helper issue #31): one 0600 file
// per (certificate, ARNs, duration, session name, endpoint) in the user's cache directory,
// reused until a safety margin before expiry, written atomically (io/write-file-atomic).
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_FILE_MODE, writeFileAtomic } from '../../io/write-file-atomic.js';
import { credentialsFromObject, expirationMs, type SessionCredentials } from '../credentials.js';

/** Cached credentials are not handed out when they expire within this margin. */
export const CACHE_SAFETY_MARGIN_MS = 5 * 60_000;

export interface CacheKeyInput {
  /** SHA-256 fingerprint of the certificate DER. */
  certificateFingerprint: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  durationSeconds: number;
  roleSessionName?: string;
  endpoint: string;
  region: string;
}

export function cacheKey(input: CacheKeyInput): string {
  const fields = [
    'iamra-cache-v1',
    input.certificateFingerprint,
    input.trustAnchorArn,
    input.profileArn,
    input.roleArn,
    String(input.durationSeconds),
    input.roleSessionName ?? '',
    input.endpoint,
    input.region,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** $XDG_CACHE_HOME/iamra, else ~/.cache/iamra. */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homeDir, '.cache');
  return join(base, 'iamra');
}

export function isCacheEnabled(flag: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.IAMRA_CREDENTIAL_CACHE?.toLowerCase();
  return flag || value === '1' || value === 'true';
}

/** The cached credentials when present, private to this user, and not expiring within the margin. */
export function readCachedCredentials(directory: string, key: string, nowMs: number): SessionCredentials | undefined {
  const path = join(directory, `${key}.json`);
  try {
    const stat = lstatSync(path);
    // Someone else's file, a symlink or a group/world-readable file is not trusted.
    if (!stat.isFile() || (stat.mode & 0o077) !== 0 || (process.getuid && stat.uid !== process.getuid())) return undefined;
    const credentials = credentialsFromObject(JSON.parse(readFileSync(path, 'utf8')));
    if (!credentials || expirationMs(credentials) - CACHE_SAFETY_MARGIN_MS <= nowMs) return undefined;
    return credentials;
  } catch {
    return undefined;
  }
}

/** Writes atomically: concurrent writers each rename a complete, fsynced file into place. */
export function writeCachedCredentials(directory: string, key: string, credentials: SessionCredentials): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const path = join(directory, `${key}.json`);
  writeFileAtomic(path, JSON.stringify(credentials), { mode: SECRET_FILE_MODE, replace: true });
}
