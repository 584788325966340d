// Use-cases `ca show` and `show SERIAL`: what a certificate says, read with Node's X.509 parser.
import { createHash, X509Certificate } from 'node:crypto';
import { keyTypeOf } from './key-type.js';

export interface CaCertificateDetails {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  keyType: string;
  isSelfSigned: boolean;
  sha256Fingerprint: string;
}

const oneLine = (name: string) => name.replace(/\n/g, ', ');

export function describeCaCertificate(der: Buffer): CaCertificateDetails {
  const certificate = new X509Certificate(der);
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serial: certificate.serialNumber.toLowerCase(),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    keyType: keyTypeOf(certificate.publicKey),
    isSelfSigned: certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey),
    sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/** The PEM of a DER certificate, as Node writes it. */
export function certificatePem(der: Buffer): string {
  return new X509Certificate(der).toString();
}

/** What `show` adds to an issued certificate's record. */
export function describeIssuedCertificate(der: Buffer): { issuer: string; subjectAltName: string | null; fingerprint256: string } {
  const certificate = new X509Certificate(der);
  return { issuer: oneLine(certificate.issuer), subjectAltName: certificate.subjectAltName ?? null, fingerprint256: certificate.fingerprint256 };
}
