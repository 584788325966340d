// Opens the CA's signing key from its configured location (file:FILE; pkcs11:... later).
import { readFileSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { isEncryptedKey, loadPrivateKey } from '../keys/load-private-key.js';
import type { SigningKey } from '../keys/signing-key.js';
import type { KeyLocation } from './ca-config.js';
import { PASSPHRASE_HINT, type PassphraseSource } from './ca-signer.js';

/** The passphrase is asked for only when the key file is encrypted. */
export async function openCaKey(location: KeyLocation, passphrase: PassphraseSource): Promise<SigningKey> {
  const { path } = location;
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new InputError('CA_KEY_UNREADABLE', `cannot read CA key ${path}: ${describeFileError(error)}. Check the CA directory.`, { cause: error });
  }
  const secret = isEncryptedKey(data) ? await passphrase() : undefined;
  return loadPrivateKey({ data, source: path, passphrase: secret, passphraseHint: PASSPHRASE_HINT });
}
