// Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo, RFC 8018 PBES2): PBKDF2-HMAC-SHA256 and
// AES-256-CBC with a work factor we choose. Node's KeyObject.export uses OpenSSL's default of 2048
// PBKDF2 iterations, too few for a CA key at rest.
import { createCipheriv, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { nullValue, octetString, oid, sequence, smallInteger } from '../x509/der-writer.js';
import { encodePem } from '../x509/pem.js';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.2 s per key load on our machines. */
export const PBKDF2_ITERATIONS = 600_000;

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

export interface EncryptPrivateKeyInput {
  /** The key, or its PKCS#8 PrivateKeyInfo DER (ML-DSA keys, which Node 20 cannot hold). */
  key: KeyObject | Buffer;
  passphrase: string;
  /** 16 random bytes. */
  salt: Buffer;
  /** 16 random bytes. */
  iv: Buffer;
  /** @default PBKDF2_ITERATIONS */
  iterations?: number;
}

/**
 * EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm { PBES2, PBES2-params {
 *   keyDerivationFunc { PBKDF2, { salt, iterationCount, prf hmacWithSHA256 } },
 *   encryptionScheme { aes256-CBC, iv } } }, encryptedData OCTET STRING }
 */
export function encryptPrivateKeyDer(input: EncryptPrivateKeyInput): Buffer {
  const iterations = input.iterations ?? PBKDF2_ITERATIONS;
  const plain = Buffer.isBuffer(input.key) ? input.key : input.key.export({ format: 'der', type: 'pkcs8' });
  const derived = pbkdf2Sync(Buffer.from(input.passphrase, 'utf8'), input.salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', derived, input.iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const kdf = sequence(oid(OID.pbkdf2), sequence(octetString(input.salt), smallInteger(iterations), sequence(oid(OID.hmacWithSha256), nullValue())));
  const scheme = sequence(oid(OID.aes256Cbc), octetString(input.iv));
  return sequence(sequence(oid(OID.pbes2), sequence(kdf, scheme)), octetString(encrypted));
}

export function encryptPrivateKeyPem(input: EncryptPrivateKeyInput): string {
  return encodePem('ENCRYPTED PRIVATE KEY', encryptPrivateKeyDer(input));
}
