// The signing-key interface: file keys and PKCS#11 keys are interchangeable behind it.
import { sign as cryptoSign, type KeyObject } from 'node:crypto';

export type KeyAlgorithm = 'RSA' | 'EC';
export type Digest = 'sha256' | 'sha384' | 'sha512';

export interface SigningKey {
  algorithm: KeyAlgorithm;
  /** Public half, for matching against certificates and building CSRs. */
  publicKey: KeyObject;
  /**
   * Signs `data` (the message, not a digest): RSA PKCS#1 v1.5, or ECDSA with a DER
   * Ecdsa-Sig-Value. Async because hardware tokens are.
   */
  sign(data: Uint8Array, digest?: Digest): Promise<Buffer>;
  /**
   * Releases token sessions; a no-op for file keys. Whoever opens a key closes it (the CA's
   * composition root, ca/open-ca.ts, does so in its own close()).
   */
  close?(): Promise<void>;
}

/** A SigningKey over an in-memory private key. */
export function signingKeyFromKeyObject(privateKey: KeyObject, publicKey: KeyObject): SigningKey {
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
