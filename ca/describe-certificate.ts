// Use-cases `ca show` and `show SERIAL`: what a certificate says, read with Node's X.509 parser
// (and our SPKI reader for ML-DSA keys, which Node 20 cannot load, issue 14).
import { createHash, X509Certificate } from 'node:crypto';
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { readMlDsaSpki } from '../x509/ml-dsa.js';
import { readSignedParts } from '../x509/signed-parts.js';
import { verifyX509Signature } from '../x509/verify-x509-signature.js';
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

export async function describeCaCertificate(der: Buffer): Promise<CaCertificateDetails> {
  const certificate = new X509Certificate(der);
  const spki = parseCertificateFields(der).subjectPublicKeyInfo;
  const mlDsa = readMlDsaSpki(spki);
  const engine = mlDsa ? await loadMlDsaEngine() : undefined;
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serial: certificate.serialNumber.toLowerCase(),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    keyType: keyTypeOf(mlDsa ? mlDsa.parameters.name : certificate.publicKey),
    isSelfSigned: certificate.subject === certificate.issuer && verifyX509Signature(readSignedParts(der), { subjectPublicKeyInfo: spki }, engine),
    sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/** The PEM of a DER certificate, as Node writes it. */
export function certificatePem(der: Buffer): string {
  return new X509Certificate(der).toString();
}

/** What `show` adds to an issued certificate's record. */
export function describeIssuedCertificate(der: Buffer): { issuer: string; sha256Fingerprint: string } {
  return { issuer: oneLine(new X509Certificate(der).issuer), sha256Fingerprint: createHash('sha256').update(der).digest('hex') };
}
