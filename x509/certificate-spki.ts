// The SubjectPublicKeyInfo of a certificate, also for keys Node's X509Certificate cannot load
// (ML-DSA on Node 20: `publicKey` throws "decode error"), and the key type the official helper names.
import type { X509Certificate } from 'node:crypto';
import { parseCertificateFields } from './certificate-fields.js';
import { readMlDsaSpki } from './ml-dsa.js';

export function certificateSpki(certificate: X509Certificate): Buffer {
  return parseCertificateFields(certificate.raw).subjectPublicKeyInfo;
}

/** `RSA`, `EC` or `ML-DSA-44|65|87` (official-helper.md §1.2 `read-certificate-data`); '' otherwise. */
export function certificateKeyType(certificate: X509Certificate): string {
  const mlDsa = readMlDsaSpki(certificateSpki(certificate));
  if (mlDsa) return mlDsa.parameters.name;
  const type = certificate.publicKey.asymmetricKeyType;
  return type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : '';
}
