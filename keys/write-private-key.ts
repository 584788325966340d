// Writes a private key as PKCS#8 PEM, mode 0600, never over an existing file (io/); encrypted with
// AES-256-CBC under PBKDF2-HMAC-SHA256 (PBES2, 600,000 iterations) when a passphrase is given.
import { randomBytes, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { SECRET_FILE_MODE } from '../io/write-file-atomic.js';
import { writeNewFile } from '../io/write-new-file.js';
import { encodePem } from '../x509/pem.js';
import { encryptPrivateKeyPem } from './encrypt-private-key.js';

export interface WritePrivateKeyInput {
  path: string;
  /** The key, or its PKCS#8 PrivateKeyInfo DER (ML-DSA). */
  key: KeyObject | Buffer;
  /** Encrypts the key when set; an empty passphrase is refused. */
  passphrase?: string;
}

export function privateKeyPem(key: KeyObject | Buffer, passphrase?: string): string {
  if (passphrase === undefined) return Buffer.isBuffer(key) ? encodePem('PRIVATE KEY', key) : (key.export({ format: 'pem', type: 'pkcs8' }) as string);
  if (passphrase === '') throw new InputError('PASSPHRASE_EMPTY', 'cannot encrypt the private key: the passphrase is empty. Give a non-empty passphrase.');
  return encryptPrivateKeyPem({ key, passphrase, salt: randomBytes(16), iv: randomBytes(16) });
}

export function writePrivateKey(input: WritePrivateKeyInput): void {
  writeNewFile(input.path, privateKeyPem(input.key, input.passphrase), SECRET_FILE_MODE);
}
