// Writes a private key as PKCS#8 PEM, mode 0600, never over an existing file; encrypted with
// AES-256-CBC under PBKDF2-HMAC-SHA256 (PBES2, 600,000 iterations) when a passphrase is given.
import { randomBytes, type KeyObject } from 'node:crypto';
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFileError, InputError } from '../errors.js';
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

/**
 * Writes `data` to `path` with `mode`, atomically and without replacing an existing file: the
 * bytes go to a temporary file first, and a hard link publishes them only if `path` is free.
 */
export function writeNewFile(path: string, data: string | Buffer, mode: number): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, data, { mode, flag: 'wx' });
  } catch (error) {
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: ${describeFileError(error)}. Check that the directory exists and is writable.`, { cause: error });
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError('OUTPUT_EXISTS', `cannot write ${path}: the file already exists. Remove it or choose another path.`, { cause: error });
    }
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: ${describeFileError(error)}. Check the directory.`, { cause: error });
  } finally {
    unlinkSync(temporary);
  }
}

export function writePrivateKey(input: WritePrivateKeyInput): void {
  writeNewFile(input.path, privateKeyPem(input.key, input.passphrase), 0o600);
}
