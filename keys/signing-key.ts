// The signing-key interface: file keys and PKCS#11 keys are interchangeable behind it.
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { MlDsaParameterSet } from '../x509/ml-dsa.js';

export type KeyAlgorithm = 'RSA' | 'EC' | 'ML-DSA';
export type Digest = 'sha256' | 'sha384' | 'sha512';

interface SigningKeyBase {
  /**
   * Signs `data` (the message, not a digest): RSA PKCS#1 v1.5, ECDSA with a DER Ecdsa-Sig-Value,
   * or pure ML-DSA with an empty context (the digest is ignored). Async because hardware tokens are.
   */
  sign(data: Uint8Array, digest?: Digest): Promise<Buffer>;
  /**
   * Releases token sessions; a no-op for file keys. Whoever opens a key closes it (the CA's
   * composition root, ca/open-ca.ts, does so in its own close()).
   */
  close?(): Promise<void>;
}

export interface ClassicSigningKey extends SigningKeyBase {
  algorithm: 'RSA' | 'EC';
  /** Public half, for matching against certificates and building CSRs. */
  publicKey: KeyObject;
}

/** An ML-DSA key (Node 20 has no KeyObject for it: the public key is carried as bytes). */
export interface MlDsaSigningKey extends SigningKeyBase {
  algorithm: 'ML-DSA';
  parameterSet: MlDsaParameterSet;
  /** The raw FIPS 204 public key. */
  publicKeyBytes: Buffer;
  subjectPublicKeyInfo: Buffer;
}

export type SigningKey = ClassicSigningKey | MlDsaSigningKey;

/** SubjectPublicKeyInfo DER of any signing key, for matching against certificates. */
export function signingKeySpki(key: SigningKey): Buffer {
  return key.algorithm === 'ML-DSA' ? key.subjectPublicKeyInfo : key.publicKey.export({ type: 'spki', format: 'der' });
}

/** A SigningKey over an in-memory private key. */
export function signingKeyFromKeyObject(privateKey: KeyObject, publicKey: KeyObject): ClassicSigningKey {
  const type = privateKey.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ec') {
    throw new TypeError(`signingKeyFromKeyObject: unsupported key type ${type}`);
  }
  return {
    algorithm: type === 'rsa' ? 'RSA' : 'EC',
    publicKey,
    sign: async (data, digest = 'sha256') => cryptoSign(digest, data, privateKey),
    close: async () => {},
  };
}
