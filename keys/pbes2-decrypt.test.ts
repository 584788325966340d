// decryptPbes2 against OpenSSL's own PBES2 and PKCS#12 PBE output (issue 14): every PRF and AES-CBC key size, and
// scrypt; a wrong passphrase and an unsupported scheme are told apart.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPbes2, Pbes2DecryptError } from './pbes2-decrypt.js';

const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const plainDer = key.export({ format: 'der', type: 'pkcs8' });

function opensslEncrypt(args: string[]): Buffer {
  const result = spawnSync('openssl', ['pkcs8', '-topk8', '-outform', 'DER', '-passout', 'env:PASS', ...args], {
    input: key.export({ format: 'pem', type: 'pkcs8' }),
    env: { ...process.env, PASS: 'pässword' },
  });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return result.stdout;
}

describe('decryptPbes2', () => {
  it.each([
    ['PBKDF2 HMAC-SHA1, AES-128-CBC', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1']],
    ['PBKDF2 HMAC-SHA224, AES-192-CBC', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA224']],
    ['PBKDF2 HMAC-SHA256, AES-256-CBC', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256']],
    ['PBKDF2 HMAC-SHA384, AES-256-CBC', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA384']],
    ['PBKDF2 HMAC-SHA512, AES-128-CBC', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA512']],
    ['scrypt, AES-256-CBC', ['-v2', 'aes-256-cbc', '-scrypt']],
  ])('%s (written by openssl pkcs8)', (_name, args) => {
    expect(decryptPbes2(opensslEncrypt(args), 'pässword').equals(plainDer)).toBe(true);
  });

  it('a wrong passphrase is wrong-passphrase', () => {
    const der = opensslEncrypt(['-v2', 'aes-256-cbc']);
    expect(() => decryptPbes2(der, 'wrong')).toThrow(expect.objectContaining({ failure: 'wrong-passphrase' }));
  });

  it('the PKCS#12 PBE scheme (SHA-1, 3DES) decrypts through the same decryptor', () => {
    expect(decryptPbes2(opensslEncrypt(['-v1', 'PBE-SHA1-3DES']), 'pässword').equals(plainDer)).toBe(true);
  });

  it('PBES1 (MD5, DES) is unsupported, not a wrong passphrase', () => {
    const der = opensslEncrypt(['-v1', 'PBE-MD5-DES', '-provider', 'legacy', '-provider', 'default']);
    const error = (() => { try { decryptPbes2(der, 'pässword'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(Pbes2DecryptError);
    expect(error).toMatchObject({ failure: 'unsupported' });
  });

  it('bytes that are not DER are malformed', () => {
    expect(() => decryptPbes2(Buffer.from('not der'), 'x')).toThrow(expect.objectContaining({ failure: 'malformed' }));
  });
});
