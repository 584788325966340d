// Encrypted PKCS#8 with our work factor: Node and OpenSSL read it back, and the parameters are as stated.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptPrivateKeyPem, PBKDF2_ITERATIONS } from './encrypt-private-key.js';

describe('encryptPrivateKeyPem', () => {
  const salt = Buffer.alloc(16, 1);
  const iv = Buffer.alloc(16, 2);

  it.each([
    ['ec', generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey],
    ['rsa', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
  ])('%s: Node and OpenSSL decrypt it with the passphrase only', (_type, key) => {
    const pem = encryptPrivateKeyPem({ key, passphrase: 'pässphrase', salt, iv, iterations: 1000 });
    expect(createPrivateKey({ key: pem, passphrase: 'pässphrase' }).equals(key)).toBe(true);
    expect(() => createPrivateKey({ key: pem, passphrase: 'wrong' })).toThrow();
    const openssl = spawnSync('openssl', ['pkey', '-passin', 'env:PASS'], { input: pem, env: { ...process.env, PASS: 'pässphrase' }, encoding: 'utf8' });
    expect(openssl.status).toBe(0);
    expect(createPrivateKey(openssl.stdout).equals(key)).toBe(true);
  });

  it('writes PBES2 with PBKDF2-HMAC-SHA256, the given salt and count, and AES-256-CBC with the given IV', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const pem = encryptPrivateKeyPem({ key, passphrase: 'x', salt, iv });
    const parsed = spawnSync('openssl', ['asn1parse'], { input: pem, encoding: 'utf8' }).stdout;
    expect(parsed).toContain(':PBES2');
    expect(parsed).toContain(':PBKDF2');
    expect(parsed).toContain(`[HEX DUMP]:${'01'.repeat(16)}`);
    expect(parsed).toContain(`INTEGER           :${PBKDF2_ITERATIONS.toString(16).toUpperCase().padStart(6, "0")}`);
    expect(parsed).toContain(':hmacWithSHA256');
    expect(parsed).toContain(':aes-256-cbc');
    expect(parsed).toContain(`[HEX DUMP]:${'02'.repeat(16)}`);
  });
});
