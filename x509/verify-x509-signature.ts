// Verifies a certificate's, CRL's or CSR's signature with an issuer's SubjectPublicKeyInfo, for
// every algorithm the algorithm table can verify: RSA, ECDSA and Ed25519 through Node's crypto,
// ML-DSA (RFC 9881 §3: pure, empty context, the signature OID naming the issuer key's parameter
// set, parameters absent) through the ML-DSA engine the caller loaded when ML-DSA may be met.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { verificationDigest } from './algorithms.js';
import { readMlDsaAlgorithm, readMlDsaSpki } from './ml-dsa.js';
import { requireMlDsaEngine, type MlDsaEngine } from './ml-dsa-engine.js';
import type { SignedParts } from './signed-parts.js';

export interface IssuerKey {
  subjectPublicKeyInfo: Buffer;
  /** The issuer's KeyObject when the caller already has one (saves a parse); none for ML-DSA on Node 20. */
  publicKey?: KeyObject;
}

/**
 * Whether `signed` verifies under the issuer key; false (never a throw) for any mismatch. Throws
 * ML_DSA_NOT_LOADED (a bug) when ML-DSA is met without `mlDsa`.
 */
export function verifyX509Signature(signed: SignedParts, issuer: IssuerKey, mlDsa?: MlDsaEngine): boolean {
  let issuerMlDsa;
  let signatureMlDsa;
  try {
    issuerMlDsa = readMlDsaSpki(issuer.subjectPublicKeyInfo);
    signatureMlDsa = readMlDsaAlgorithm(signed.signatureAlgorithmDer);
  } catch {
    return false;
  }
  if (issuerMlDsa || signatureMlDsa) {
    if (!issuerMlDsa || signatureMlDsa?.name !== issuerMlDsa.parameters.name) return false;
    return requireMlDsaEngine(mlDsa).verify(issuerMlDsa.parameters.name, issuerMlDsa.publicKey, signed.tbsDer, signed.signature);
  }
  const digest = verificationDigest(signed.signatureAlgorithmOid);
  if (digest === undefined) return false;
  try {
    const key = issuer.publicKey ?? createPublicKey({ key: issuer.subjectPublicKeyInfo, format: 'der', type: 'spki' });
    return verify(digest, signed.tbsDer, key, signed.signature);
  } catch {
    return false;
  }
}
