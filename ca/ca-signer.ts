// The CA's signing key, loaded once into a KeyObject and checked against the CA certificate.
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { isEncryptedKey, parsePrivateKey } from '../keys/load-private-key.js';
import { CA_FILE_MAX_BYTES, type CaCertificate } from './open-ca.js';
import { keyIdentifier } from './x509/extensions.js';
import { signatureAlgorithmFor, type SignatureAlgorithm } from './x509/signature-algorithm.js';
import { readInputFile } from '../io/read-input-file.js';

export interface CaSigner {
  key: KeyObject;
  algorithm: SignatureAlgorithm;
  /** The CA's subject key identifier: our AKI. */
  keyId: Buffer;
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  sign(tbs: Buffer): Buffer;
}

/** Asked only when the key is encrypted. */
export type PassphraseSource = () => Promise<string>;

export const PASSPHRASE_HINT = 'Set IAMRA_CA_PASSPHRASE, pass --passphrase-file, or run on a terminal to be asked';

export async function readCaKey(path: string, passphrase: PassphraseSource): Promise<KeyObject> {
  const data = readInputFile(path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const secret = isEncryptedKey(data) ? await passphrase() : undefined;
  return parsePrivateKey({ data, source: path, passphrase: secret, passphraseHint: PASSPHRASE_HINT });
}

export function caSigner(key: KeyObject, certificate: CaCertificate, keyPath: string): CaSigner {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  if (!spki.equals(certificate.fields.subjectPublicKeyInfo)) {
    throw new InputError('CA_KEY_MISMATCH', `cannot use CA key ${keyPath}: it does not match the CA certificate. Restore the matching ca.key.`);
  }
  const algorithm = signatureAlgorithmFor(key);
  return {
    key,
    algorithm,
    keyId: certificate.fields.subjectKeyId ?? keyIdentifier(spki),
    issuerDer: certificate.fields.subjectDer,
    notBefore: certificate.fields.notBefore,
    notAfter: certificate.fields.notAfter,
    sign: (tbs) => sign(algorithm.digest, tbs, key),
  };
}
