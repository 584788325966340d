// Use-case `ca passphrase` (issue 9): re-encrypts the CA key file under a new passphrase with the
// same PBES2 parameters as `ca init` (keys/encrypt-private-key.ts: PBKDF2-HMAC-SHA256, 600,000
// iterations, AES-256-CBC, fresh salt and IV), and replaces ca.key through the one atomic writer:
// a crash leaves the old file or the new one, never a mix, and never a plaintext temporary file.
// A wrong old passphrase changes nothing. The same bytes are re-encrypted, so the key is unchanged.
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { diskFullError, isDiskFull } from '../io/disk-full-error.js';
import { SECRET_FILE_MODE, writeFileAtomic } from '../io/write-file-atomic.js';
import { decryptPkcs8 } from '../keys/decrypt-pkcs8.js';
import { privateKeyPem } from '../keys/write-private-key.js';
import { DerError } from '../x509/der-reader.js';
import { decodePemBlocks } from '../x509/pem.js';
import { parseKeyLocation } from './ca-config.js';
import type { PassphraseSource } from './ca-signer.js';
import { CA_FILE_MAX_BYTES, SETTING_KEY_ENCRYPTED, type OpenCa } from './open-ca.js';

export interface ChangeCaPassphraseInput {
  ca: OpenCa;
  /** Asked for only when the key is encrypted now. */
  oldPassphrase: PassphraseSource;
  newPassphrase: PassphraseSource;
  now: Date;
  actor: string;
}

export interface ChangeCaPassphraseResult {
  keyPath: string;
  /** Whether the key was encrypted before (false: a --no-encrypt key is now encrypted). */
  wasEncrypted: boolean;
}

function keyFileError(path: string, why: string): InputError {
  return new InputError('CA_KEY_UNREADABLE', `cannot change the passphrase of ${path}: ${why}. Check the CA directory.`);
}

/** The key's PrivateKeyInfo DER, decrypted with the old passphrase when it is encrypted. */
async function plainCaKey(path: string, oldPassphrase: PassphraseSource): Promise<{ der: Buffer; wasEncrypted: boolean }> {
  const data = readInputFile(path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const block = decodePemBlocks(data.toString('latin1')).find((b) => b.label === 'PRIVATE KEY' || b.label === 'ENCRYPTED PRIVATE KEY');
  if (!block || !block.isStrict) throw keyFileError(path, 'it holds no PKCS#8 PEM key as "iamra ca init" writes');
  if (block.label === 'PRIVATE KEY') return { der: block.der, wasEncrypted: false };
  let der: Buffer | undefined;
  try {
    der = decryptPkcs8(block.der, await oldPassphrase());
  } catch (error) {
    if (error instanceof DerError) throw keyFileError(path, `the encrypted key is malformed (${error.message})`);
    throw error;
  }
  if (der === undefined) throw new InputError('KEY_WRONG_PASSPHRASE', `cannot read private key ${path}: wrong passphrase or damaged key. Check the passphrase.`);
  return { der, wasEncrypted: true };
}

export async function changeCaPassphrase(input: ChangeCaPassphraseInput): Promise<ChangeCaPassphraseResult> {
  const { ca } = input;
  const location = parseKeyLocation(ca.config.key, ca.paths.dir);
  if (location.scheme === 'pkcs11') {
    throw new InputError('CA_KEY_ON_TOKEN', `cannot change the CA key's passphrase in ${ca.paths.dir}: the key is on a PKCS#11 token (${location.uri}). Change the token's PIN with its own tools.`);
  }
  const { der, wasEncrypted } = await plainCaKey(location.path, input.oldPassphrase);
  try {
    const passphrase = await input.newPassphrase();
    const pem = privateKeyPem(der, passphrase);
    // Read back before replacing: the new file must open with the new passphrase.
    const [written] = decodePemBlocks(pem);
    const check = written && decryptPkcs8(written.der, passphrase);
    if (!check?.equals(der)) throw new Error('the re-encrypted CA key does not decrypt to the same key');
    check.fill(0);
    try {
      writeFileAtomic(location.path, pem, { mode: SECRET_FILE_MODE, replace: true });
    } catch (error) {
      if (isDiskFull(error)) throw diskFullError({ what: 'the CA key', path: location.path, outcome: 'the key and its passphrase are unchanged', cause: error });
      throw error;
    }
  } finally {
    der.fill(0);
  }
  await ca.store.putSettings({ [SETTING_KEY_ENCRYPTED]: 'true' }, { at: input.now, actor: input.actor, action: 'ca.passphrase', detail: { wasEncrypted } });
  return { keyPath: location.path, wasEncrypted };
}
