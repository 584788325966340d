// Opens the CA's signing key from its configured location: a key file, or a key on a PKCS#11
// token (the token code, and pkcs11js, load only then).
import { readInputFile } from '../io/read-input-file.js';
import { promptSecret } from '../io/tty-prompt.js';
import { isEncryptedKey } from '../keys/load-private-key.js';
import { loadSigningKey } from '../keys/load-signing-key.js';
import { openSigningKey } from '../keys/open-signing-key.js';
import type { SigningKey } from '../keys/signing-key.js';
import type { KeyLocation } from './ca-config.js';
import { CA_FILE_MAX_BYTES } from './open-ca.js';
import { PASSPHRASE_HINT, type PassphraseSource } from './ca-signer.js';

/**
 * The passphrase is asked for only when the key file is encrypted (ML-DSA keys load their engine,
 * issue 14). A token key's PIN comes from the URI's pin-source, else $IAMRA_CA_PIN, else a prompt.
 */
export async function openCaKey(location: KeyLocation, passphrase: PassphraseSource): Promise<SigningKey> {
  if (location.scheme === 'pkcs11') {
    return openSigningKey(location.uri, { pin: process.env.IAMRA_CA_PIN, prompt: promptSecret, isPinReused: true });
  }
  const { path } = location;
  const data = readInputFile(path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const secret = isEncryptedKey(data) ? await passphrase() : undefined;
  return loadSigningKey({ data, source: path, passphrase: secret, passphraseHint: PASSPHRASE_HINT });
}
