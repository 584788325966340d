// A certificate parsed once: our DER field reader for the rules, Node's X509Certificate for keys
// and signatures, and a digest that names it in caches.
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { parseCertificateFields, type CertificateFields } from './certificate-fields.js';

export interface ParsedCertificate {
  der: Buffer;
  /** Hex SHA-256 of the DER. */
  id: string;
  fields: CertificateFields;
  x509: X509Certificate;
  publicKey: KeyObject;
}

/** Throws (DerError or a Node error) when the bytes are not a certificate. */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const fields = parseCertificateFields(der);
  const x509 = new X509Certificate(der);
  return { der, id: createHash('sha256').update(der).digest('hex'), fields, x509, publicKey: x509.publicKey };
}
