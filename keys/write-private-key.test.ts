// writePrivateKey / writeNewFile: 0600, never over an existing file, no temporary left behind.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { writePrivateKey } from './write-private-key.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('writePrivateKey', () => {
  it('writes PKCS#8 PEM with mode 0600 and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-key-'));
    writePrivateKey({ path: join(dir, 'k.pem'), key: privateKey });
    expect(statSync(join(dir, 'k.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'k.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readdirSync(dir)).toEqual(['k.pem']);
  });

  it('refuses an existing file and leaves it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-key-'));
    writeFileSync(join(dir, 'k.pem'), 'precious\n');
    expect(() => writePrivateKey({ path: join(dir, 'k.pem'), key: privateKey })).toThrow(InputError);
    expect(() => writePrivateKey({ path: join(dir, 'k.pem'), key: privateKey })).toThrow(expect.objectContaining({ code: 'OUTPUT_EXISTS' }));
    expect(readFileSync(join(dir, 'k.pem'), 'utf8')).toBe('precious\n');
    expect(readdirSync(dir)).toEqual(['k.pem']);
  });

  it('names a missing directory in words, not an errno code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-key-'));
    const path = join(dir, 'absent', 'k.pem');
    expect(() => writePrivateKey({ path, key: privateKey })).toThrow(`cannot write ${path}: no such file. Check that the directory exists and is writable.`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
