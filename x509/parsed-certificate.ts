// A certificate parsed once: our DER field reader for the rules, Node's X509Certificate for keys
// and signatures, and a digest that names it in caches.
import { createHash, type AsymmetricKeyDetails, type KeyObject, type X509Certificate } from 'node:crypto';
import { parseCertificateFields, type CertificateFields } from './certificate-fields.js';
import { readMlDsaSpki, type MlDsaPublicKey } from './ml-dsa.js';
import { readX509Certificate } from './read-x509-certificate.js';
import { readSignedParts, type SignedParts } from './signed-parts.js';

export interface ParsedCertificate {
  der: Buffer;
  /** Hex SHA-256 of the DER. */
  id: string;
  fields: CertificateFields;
  x509: X509Certificate;
  /** RSA and EC keys; undefined for ML-DSA, which Node 20 cannot hold. */
  publicKey: KeyObject | undefined;
  /** The ML-DSA key (issue 14), or undefined for RSA and EC. */
  mlDsa: MlDsaPublicKey | undefined;
  /** TBS, algorithm and signature, for verifying it under an issuer. */
  signed: SignedParts;
}

/** Throws DerError when the bytes are not a certificate or its key cannot be decoded. */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const fields = parseCertificateFields(der);
  const x509 = readX509Certificate(der);
  const mlDsa = readMlDsaSpki(fields.subjectPublicKeyInfo);
  const publicKey = mlDsa ? undefined : x509.publicKey;
  return { der, id: createHash('sha256').update(der).digest('hex'), fields, x509, publicKey, mlDsa, signed: readSignedParts(der) };
}

/** The certificate's key as the key-acceptance policy reads it (keys/key-acceptance.ts), ML-DSA included. */
export function certificateKeyDescription(certificate: Pick<ParsedCertificate, 'publicKey' | 'mlDsa'>): { asymmetricKeyType?: string; asymmetricKeyDetails?: AsymmetricKeyDetails } {
  return certificate.mlDsa ? { asymmetricKeyType: certificate.mlDsa.parameters.keyType } : (certificate.publicKey ?? {});
}
