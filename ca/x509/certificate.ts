// X.509 v3 certificate encoder (RFC 5280 §4.1): builds the TBSCertificate and wraps a signature.
import { bitString, explicit, sequence, smallInteger } from '../../x509/der-writer.js';
import { encodeTime } from './time.js';

/** The parts of a TBSCertificate, each already DER where it is a structure. */
export interface TbsCertificateInput {
  serialDer: Buffer;
  /** AlgorithmIdentifier of the issuer's signature. */
  signatureAlgorithm: Buffer;
  /** Issuer Name exactly as it appears as the subject of the CA certificate. */
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectDer: Buffer;
  subjectPublicKeyInfo: Buffer;
  /** Extension DERs, in order. */
  extensions: readonly Buffer[];
}

/**
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version (v3 = 2), serialNumber, signature,
 *   issuer, validity SEQUENCE { notBefore, notAfter }, subject, subjectPublicKeyInfo,
 *   extensions [3] EXPLICIT Extensions }
 */
export function encodeTbsCertificate(input: TbsCertificateInput): Buffer {
  return sequence(
    explicit(0, smallInteger(2)),
    input.serialDer,
    input.signatureAlgorithm,
    input.issuerDer,
    sequence(encodeTime(input.notBefore), encodeTime(input.notAfter)),
    input.subjectDer,
    input.subjectPublicKeyInfo,
    explicit(3, sequence(...input.extensions)),
  );
}

/** Certificate / CertificateList ::= SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING } */
export function wrapSigned(tbs: Buffer, signatureAlgorithm: Buffer, signature: Buffer): Buffer {
  return sequence(tbs, signatureAlgorithm, bitString(signature));
}
