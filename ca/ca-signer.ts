// The CA's signer: a SigningKey (a file key or a PKCS#11 token key) checked against the CA certificate,
// with the signature algorithm chosen from its public key (RSA, EC or ML-DSA). It holds no private
// key itself.
import { signingKeySpki, type SigningKey } from '../keys/signing-key.js';
import { InputError } from '../errors.js';
import { isPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';
import type { CaCertificate } from './open-ca.js';
import { wrapSigned } from './x509/certificate.js';
import { keyIdentifier } from './x509/extensions.js';
import { signatureAlgorithmOf, type SignatureAlgorithm } from './x509/signature-algorithm.js';

export interface CaSigner {
  algorithm: SignatureAlgorithm;
  /** The CA's subject key identifier: our AKI. */
  keyId: Buffer;
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** The signature over `tbs` (a TBSCertificate or TBSCertList), with `algorithm`. */
  sign(tbs: Buffer): Promise<Buffer>;
  /** Closes the key (a token session); the signer is unusable afterwards. */
  close(): Promise<void>;
}

/** Asked only when the key is encrypted. */
export type PassphraseSource = () => Promise<string>;

export const PASSPHRASE_HINT = 'Set IAMRA_CA_PASSPHRASE, pass --passphrase-file, or run on a terminal to be asked';

/** The signer for `certificate`; refuses a key that is not the certificate's. */
export function caSigner(key: SigningKey, certificate: CaCertificate, keySource: string): CaSigner {
  const spki = signingKeySpki(key);
  if (!spki.equals(certificate.fields.subjectPublicKeyInfo)) {
    const todo = isPkcs11Uri(keySource) ? `Point "key" in ca.json at the token key the CA certificate was made for` : 'Restore the matching ca.key';
    throw new InputError('CA_KEY_MISMATCH', `cannot use CA key ${keySource}: it does not match the CA certificate. ${todo}.`);
  }
  const algorithm = signatureAlgorithmOf(key);
  return {
    algorithm,
    keyId: certificate.fields.subjectKeyId ?? keyIdentifier(spki),
    issuerDer: certificate.fields.subjectDer,
    notBefore: certificate.fields.notBefore,
    notAfter: certificate.fields.notAfter,
    sign: (tbs) => key.sign(tbs, algorithm.digest),
    close: async () => key.close?.(),
  };
}

/** `tbs` signed by `key` and wrapped (Certificate, CertificationRequest): for the CA's own certificate and CSR. */
export async function selfSign(key: SigningKey, tbs: Buffer): Promise<Buffer> {
  const algorithm = signatureAlgorithmOf(key);
  return wrapSigned(tbs, algorithm.identifier, await key.sign(tbs, algorithm.digest));
}
