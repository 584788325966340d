// Opens the CA's signing key from its configured location (file:FILE; pkcs11:... later).
import { readInputFile } from '../io/read-input-file.js';
import { isEncryptedKey } from '../keys/load-private-key.js';
import { loadSigningKey } from '../keys/load-signing-key.js';
import type { SigningKey } from '../keys/signing-key.js';
import type { KeyLocation } from './ca-config.js';
import { CA_FILE_MAX_BYTES } from './open-ca.js';
import { PASSPHRASE_HINT, type PassphraseSource } from './ca-signer.js';

/** The passphrase is asked for only when the key file is encrypted; ML-DSA keys load their engine (issue 14). */
export async function openCaKey(location: KeyLocation, passphrase: PassphraseSource): Promise<SigningKey> {
  const { path } = location;
  const data = readInputFile(path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const secret = isEncryptedKey(data) ? await passphrase() : undefined;
  return loadSigningKey({ data, source: path, passphrase: secret, passphraseHint: PASSPHRASE_HINT });
}
