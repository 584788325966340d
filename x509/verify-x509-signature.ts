// Verifies a certificate's, CRL's or CSR's signature with an issuer's SubjectPublicKeyInfo:
// RSA and ECDSA through Node's crypto, ML-DSA (RFC 9881 §3: pure, empty context, the signature
// OID naming the issuer key's parameter set, parameters absent) through the ML-DSA engine, which
// the caller has loaded (loadMlDsaEngine) when ML-DSA may be met.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readMlDsaAlgorithm, readMlDsaSpki } from './ml-dsa.js';
import { mlDsaEngine } from './ml-dsa-engine.js';
import type { SignedParts } from './signed-parts.js';

const DIGESTS: ReadonlyMap<string, string | null> = new Map([
  ['1.2.840.113549.1.1.5', 'sha1'],
  ['1.2.840.113549.1.1.11', 'sha256'],
  ['1.2.840.113549.1.1.12', 'sha384'],
  ['1.2.840.113549.1.1.13', 'sha512'],
  ['1.2.840.10045.4.1', 'sha1'],
  ['1.2.840.10045.4.3.2', 'sha256'],
  ['1.2.840.10045.4.3.3', 'sha384'],
  ['1.2.840.10045.4.3.4', 'sha512'],
  ['1.3.101.112', null],
]);

export interface IssuerKey {
  subjectPublicKeyInfo: Buffer;
  /** The issuer's KeyObject when the caller already has one (saves a parse). */
  publicKey?: KeyObject;
}

/** Whether `signed` verifies under the issuer key; false (never a throw) for any mismatch. */
export function verifyX509Signature(signed: SignedParts, issuer: IssuerKey): boolean {
  try {
    const issuerMlDsa = readMlDsaSpki(issuer.subjectPublicKeyInfo);
    const signatureMlDsa = readMlDsaAlgorithm(signed.signatureAlgorithmDer);
    if (issuerMlDsa || signatureMlDsa) {
      if (!issuerMlDsa || signatureMlDsa?.name !== issuerMlDsa.parameters.name) return false;
      return mlDsaEngine().verify(issuerMlDsa.parameters.name, issuerMlDsa.publicKey, signed.tbsDer, signed.signature);
    }
    const digest = DIGESTS.get(signed.signatureAlgorithmOid);
    if (digest === undefined) return false;
    const key = issuer.publicKey ?? createPublicKey({ key: issuer.subjectPublicKeyInfo, format: 'der', type: 'spki' });
    return verify(digest, signed.tbsDer, key, signed.signature);
  } catch (error) {
    if ((error as { code?: string }).code === 'ML_DSA_NOT_LOADED') throw error;
    return false;
  }
}
