// Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo, RFC 8018 PBES2): PBKDF2-HMAC-SHA256 and
// AES-256-CBC with a work factor we choose. Node's KeyObject.export uses OpenSSL's default of 2048
// PBKDF2 iterations, too few for a CA key at rest.
import { createCipheriv, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { encodePem } from '../x509/pem.js';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.2 s per key load on our machines. */
export const PBKDF2_ITERATIONS = 600_000;

const OID = {
  pbes2: '2a864886f70d01050d',
  pbkdf2: '2a864886f70d01050c',
  hmacWithSha256: '2a864886f70d0209',
  aes256Cbc: '60864801650304012a',
} as const;

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header = length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...header]), content]);
}

const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const oid = (hex: string): Buffer => tlv(0x06, Buffer.from(hex, 'hex'));
const octets = (data: Buffer): Buffer => tlv(0x04, data);

function integer(value: number): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex[0]!, 16) >= 8) hex = `00${hex}`;
  return tlv(0x02, Buffer.from(hex, 'hex'));
}

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
  const nullParams = Buffer.from([0x05, 0x00]);
  const kdf = seq(oid(OID.pbkdf2), seq(octets(input.salt), integer(iterations), seq(oid(OID.hmacWithSha256), nullParams)));
  const scheme = seq(oid(OID.aes256Cbc), octets(input.iv));
  return seq(seq(oid(OID.pbes2), seq(kdf, scheme)), octets(encrypted));
}

export function encryptPrivateKeyPem(input: EncryptPrivateKeyInput): string {
  return encodePem('ENCRYPTED PRIVATE KEY', encryptPrivateKeyDer(input));
}
