// Our PBES2 / PKCS#12-PBE decryption of EncryptedPrivateKeyInfo against what real OpenSSL writes:
// every scheme `openssl pkcs8 -topk8` offers decrypts to the very PrivateKeyInfo OpenSSL reads back.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePemBlocks } from '../x509/pem.js';
import { decryptPkcs8 } from './decrypt-pkcs8.js';
import { UnsupportedAlgorithmError } from './pkcs12/pbe-decrypt.js';

const PASSPHRASE = 'pässphrase 1';
const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const plainDer = key.export({ format: 'der', type: 'pkcs8' });

function opensslEncrypt(args: string[]): Buffer {
  const result = spawnSync('openssl', ['pkcs8', '-topk8', '-inform', 'DER', '-outform', 'DER', '-passout', 'env:PASS', ...args], { input: plainDer, env: { ...process.env, PASS: PASSPHRASE } });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return result.stdout;
}

describe('decryptPkcs8', () => {
  const schemes: Array<[string, string[]]> = [
    ['PBES2 PBKDF2 hmacWithSHA1 (no PRF field) aes-256-cbc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA1']],
    ['PBES2 PBKDF2 hmacWithSHA224 aes-128-cbc', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA224']],
    ['PBES2 PBKDF2 hmacWithSHA256 aes-192-cbc', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA256']],
    ['PBES2 PBKDF2 hmacWithSHA384 aes-256-cbc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA384']],
    ['PBES2 PBKDF2 hmacWithSHA512 aes-256-cbc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512']],
    ['PBES2 PBKDF2 hmacWithSHA512-224 aes-256-cbc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512-224']],
    ['PBES2 PBKDF2 hmacWithSHA512-256 aes-256-cbc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512-256']],
    ['PBES2 PBKDF2 des-ede3-cbc', ['-v2', 'des3']],
    ['PBES2 scrypt aes-256-cbc', ['-scrypt']],
    ['PKCS#12 PBE-SHA1-3DES', ['-v1', 'PBE-SHA1-3DES']],
    ['PKCS#12 PBE-SHA1-2DES', ['-v1', 'PBE-SHA1-2DES']],
  ];
  for (const [name, args] of schemes) {
    it(`${name}: the PrivateKeyInfo OpenSSL encrypted`, () => {
      expect(decryptPkcs8(opensslEncrypt(args), PASSPHRASE)?.equals(plainDer)).toBe(true);
    });
  }

  it('a wrong passphrase gives undefined, not a key', () => {
    const encrypted = opensslEncrypt(['-scrypt']);
    expect(decryptPkcs8(encrypted, 'wrong')).toBeUndefined();
  });

  it('a PEM body decodes the same as the DER file', () => {
    const pem = spawnSync('openssl', ['pkcs8', '-topk8', '-inform', 'DER', '-passout', 'env:PASS', '-v2', 'aes-128-cbc'], { input: plainDer, env: { ...process.env, PASS: PASSPHRASE } }).stdout.toString();
    const block = decodePemBlocks(pem)[0]!;
    expect(block.label).toBe('ENCRYPTED PRIVATE KEY');
    expect(decryptPkcs8(block.der, PASSPHRASE)?.equals(plainDer)).toBe(true);
  });

  it('a cipher we do not implement (camellia-256-cbc) is UnsupportedAlgorithmError naming its OID', () => {
    const encrypted = opensslEncrypt(['-v2', 'camellia-256-cbc']);
    expect(() => decryptPkcs8(encrypted, PASSPHRASE)).toThrow(UnsupportedAlgorithmError);
    expect(() => decryptPkcs8(encrypted, PASSPHRASE)).toThrow(/1\.2\.392\.200011\.61\.1\.1\.1\.4/);
  });

  it('trailing bytes after the structure are refused', () => {
    const encrypted = Buffer.concat([opensslEncrypt(['-v2', 'aes-128-cbc']), Buffer.from([0])]);
    expect(() => decryptPkcs8(encrypted, PASSPHRASE)).toThrow(/trailing/);
  });
});
