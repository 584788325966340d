// Verifies a CRL's signature (RFC 5280 §5.1.1.3) with the public key of a CA certificate (RSA,
// ECDSA or, issue 14, ML-DSA).
import type { ParsedCrl } from '../../x509/crl.js';
import { verifyX509Signature } from '../../x509/verify-x509-signature.js';
import type { ParsedCertificate } from './parsed-certificate.js';

export function isCrlSignedBy(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
  if (!crl.issuerDer.equals(issuer.fields.subjectDer)) return false;
  const signed = { tbsDer: crl.tbsDer, signatureAlgorithmOid: crl.signatureAlgorithmOid, signatureAlgorithmDer: crl.signatureAlgorithmDer, signature: crl.signature };
  return verifyX509Signature(signed, { subjectPublicKeyInfo: issuer.fields.subjectPublicKeyInfo, publicKey: issuer.publicKey });
}
