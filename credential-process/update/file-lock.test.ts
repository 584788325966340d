// The credentials-file lock: exclusive while held, released after, stale locks broken, a live one waited for.
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { withFileLock } from './file-lock.js';

describe('withFileLock', () => {
  it('holds the lock file during the work and removes it after, also on failure', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'iamra-lock-')), 'credentials');
    expect(withFileLock(path, () => existsSync(`${path}.lock`))).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(() => withFileLock(path, () => { throw new Error('boom'); })).toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('breaks a lock left by a crashed writer, and gives up on a live one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'iamra-lock-')), 'credentials');
    writeFileSync(`${path}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(withFileLock(path, () => 'done')).toBe('done');
    writeFileSync(`${path}.lock`, '');
    let error: unknown;
    try {
      withFileLock(path, () => 'never', 100);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('FILE_LOCKED');
  });
});
