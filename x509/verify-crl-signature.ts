// The one CRL-signature check (RFC 5280 §5.1.1.3): the CRL names the issuer and its signature
// verifies with the issuer's public key, for every algorithm the algorithm table can verify
// (ML-DSA with the engine the caller loaded, issue 14).
import type { KeyObject } from 'node:crypto';
import type { ParsedCrl } from './crl.js';
import type { MlDsaEngine } from './ml-dsa-engine.js';
import { verifyX509Signature } from './verify-x509-signature.js';

/** The issuing CA as the check needs it (a ParsedCertificate is one). */
export interface CrlIssuer {
  fields: { subjectDer: Buffer; subjectPublicKeyInfo: Buffer };
  /** Absent for ML-DSA issuers (Node 20 has no KeyObject for them). */
  publicKey?: KeyObject;
}

export function isCrlSignedBy(crl: ParsedCrl, issuer: CrlIssuer, mlDsa?: MlDsaEngine): boolean {
  if (!crl.issuerDer.equals(issuer.fields.subjectDer)) return false;
  const signed = { tbsDer: crl.tbsDer, signatureAlgorithmOid: crl.signatureAlgorithmOid, signatureAlgorithmDer: crl.signatureAlgorithmDer, signature: crl.signature };
  return verifyX509Signature(signed, { subjectPublicKeyInfo: issuer.fields.subjectPublicKeyInfo, publicKey: issuer.publicKey }, mlDsa);
}
