// The CA's signing key, loaded once into a KeyObject and checked against the CA certificate.
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { isEncryptedKey, parsePrivateKey } from '../keys/load-private-key.js';
import { isPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';
import type { Digest, SigningKey } from '../keys/signing-key.js';
import { SETTING_KEY_REFERENCE, SETTING_PKCS11_LIB, type CaCertificate, type OpenCa } from './open-ca.js';
import { keyIdentifier } from './x509/extensions.js';
import { signatureAlgorithmFor, type SignatureAlgorithm } from './x509/signature-algorithm.js';

export interface CaSigner {
  /** The private key for a file key; undefined when the key stays on a PKCS#11 token. */
  key?: KeyObject;
  algorithm: SignatureAlgorithm;
  /** The CA's subject key identifier: our AKI. */
  keyId: Buffer;
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  sign(tbs: Buffer): Buffer;
  /** Ends the token session of a PKCS#11 key; absent for file keys. */
  close?(): Promise<void>;
}

/** Asked only when the key is encrypted. */
export type PassphraseSource = () => Promise<string>;

export const PASSPHRASE_HINT = 'Set IAMRA_CA_PASSPHRASE, pass --passphrase-file, or run on a terminal to be asked';

export async function readCaKey(path: string, passphrase: PassphraseSource): Promise<KeyObject> {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new InputError('CA_KEY_UNREADABLE', `cannot read CA key ${path}: ${describeFileError(error)}. Check the CA directory.`, { cause: error });
  }
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

/** A token key (or any SigningKey that can sign synchronously) as the CA's signer. */
export function caSignerFromTokenKey(key: SigningKey & { signSync(data: Uint8Array, digest?: Digest): Buffer }, certificate: CaCertificate, reference: string): CaSigner {
  const spki = key.publicKey.export({ format: 'der', type: 'spki' });
  if (!spki.equals(certificate.fields.subjectPublicKeyInfo)) {
    throw new InputError('CA_KEY_MISMATCH', `cannot use CA key ${reference}: it does not match the CA certificate. Point the CA at the token key its certificate was made for.`);
  }
  const algorithm = signatureAlgorithmFor(key.publicKey);
  return {
    algorithm,
    keyId: certificate.fields.subjectKeyId ?? keyIdentifier(spki),
    issuerDer: certificate.fields.subjectDer,
    notBefore: certificate.fields.notBefore,
    notAfter: certificate.fields.notAfter,
    sign: (tbs) => key.signSync(tbs, algorithm.digest as Digest),
    close: async () => key.close?.(),
  };
}

/**
 * The CA's signer from its recorded key reference: a pkcs11: URI (ca init --key) is opened on
 * its token (PIN from the URI's pin-source, else $IAMRA_CA_PIN, else a prompt); otherwise ca.key.
 */
export async function loadCaSigner(ca: OpenCa, certificate: CaCertificate, passphrase: PassphraseSource): Promise<CaSigner> {
  const reference = ca.store.getSetting(SETTING_KEY_REFERENCE);
  if (reference === undefined || !isPkcs11Uri(reference)) return caSigner(await readCaKey(ca.paths.key, passphrase), certificate, ca.paths.key);
  const { openPkcs11SigningKey } = await import('../keys/pkcs11/pkcs11-signing-key.js');
  const { promptSecret } = await import('../keys/tty-prompt.js');
  const pin = process.env.IAMRA_CA_PIN;
  const key = await openPkcs11SigningKey({ uri: reference, modulePath: ca.store.getSetting(SETTING_PKCS11_LIB), prompt: pin !== undefined ? async () => pin : promptSecret, isPinReused: true });
  try {
    return caSignerFromTokenKey(key, certificate, reference);
  } catch (error) {
    await key.close();
    throw error;
  }
}
