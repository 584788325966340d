// The one CRL-signature check (RFC 5280 §5.1.1.3): the CRL names the issuer and its signature
// verifies with the issuer's public key, for every algorithm the algorithm table can verify.
import { verify, type KeyObject } from 'node:crypto';
import { verificationDigest } from './algorithms.js';
import type { ParsedCrl } from './crl.js';

/** The issuing CA as the check needs it (a ParsedCertificate is one). */
export interface CrlIssuer {
  fields: { subjectDer: Buffer };
  publicKey: KeyObject;
}

export function isCrlSignedBy(crl: ParsedCrl, issuer: CrlIssuer): boolean {
  if (!crl.issuerDer.equals(issuer.fields.subjectDer)) return false;
  const digest = verificationDigest(crl.signatureAlgorithmOid);
  if (digest === undefined) return false;
  try {
    return verify(digest, crl.tbsDer, issuer.publicKey, crl.signature);
  } catch {
    return false;
  }
}
