// The CA's signing key, loaded once into a KeyObject and checked against the CA certificate.
import { readFileSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { isEncryptedKey } from '../keys/load-private-key.js';
import { readPrivateKeyMaterial } from '../keys/load-signing-key.js';
import { caKeyOperations, type CaPrivateKey } from './ml-dsa-ca-key.js';
import type { CaCertificate } from './open-ca.js';
import { keyIdentifier } from './x509/extensions.js';
import type { SignatureAlgorithm } from './x509/signature-algorithm.js';

export interface CaSigner {
  /** An RSA/EC KeyObject or an ML-DSA key (issue 14). */
  key: CaPrivateKey;
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

export async function readCaKey(path: string, passphrase: PassphraseSource): Promise<CaPrivateKey> {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new InputError('CA_KEY_UNREADABLE', `cannot read CA key ${path}: ${describeFileError(error)}. Check the CA directory.`, { cause: error });
  }
  const secret = isEncryptedKey(data) ? await passphrase() : undefined;
  return readPrivateKeyMaterial({ data, source: path, passphrase: secret, passphraseHint: PASSPHRASE_HINT });
}

export function caSigner(key: CaPrivateKey, certificate: CaCertificate, keyPath: string): CaSigner {
  const operations = caKeyOperations(key);
  const spki = operations.subjectPublicKeyInfo;
  if (!spki.equals(certificate.fields.subjectPublicKeyInfo)) {
    throw new InputError('CA_KEY_MISMATCH', `cannot use CA key ${keyPath}: it does not match the CA certificate. Restore the matching ca.key.`);
  }
  const { algorithm } = operations;
  return {
    key,
    algorithm,
    keyId: certificate.fields.subjectKeyId ?? keyIdentifier(spki),
    issuerDer: certificate.fields.subjectDer,
    notBefore: certificate.fields.notBefore,
    notAfter: certificate.fields.notAfter,
    sign: operations.sign,
  };
}
