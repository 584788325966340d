// Verifies a CRL's signature (RFC 5280 §5.1.1.3) with the public key of a CA certificate.
import { verify } from 'node:crypto';
import type { ParsedCrl } from '../../x509/crl.js';
import type { ParsedCertificate } from './parsed-certificate.js';
import { signatureDigest } from './signature-digest.js';

export function isCrlSignedBy(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
  if (!crl.issuerDer.equals(issuer.fields.subjectDer)) return false;
  const digest = signatureDigest(crl.signatureAlgorithmOid);
  if (digest === undefined) return false;
  try {
    return verify(digest, crl.tbsDer, issuer.x509.publicKey, crl.signature);
  } catch {
    return false;
  }
}
