// The fields of an X.509 certificate (RFC 5280 §4.1) that Roles Anywhere's checks and tag
// mapping read (roles-anywhere.md §2, §4.1): parsed from DER without an ASN.1 library.
import {
  bytesOf,
  children,

  DerError,
  expectTlv,
  isNegativeInteger,
  readBitString,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTime,
  readTlv,
  TAG_BOOLEAN,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  type Tlv,
} from './der-reader.js';
import { parseName, type NameAttribute } from './distinguished-name.js';
import { parseGeneralNames, type GeneralName } from './general-names.js';

export interface CertificateFields {
  /** 1, 2 or 3. */
  version: number;
  /** Lower-case hex, no leading zeros. */
  serialHex: string;
  isSerialNegative: boolean;
  /** OID of the certificate's signature algorithm. */
  signatureAlgorithmOid: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  issuer: NameAttribute[];
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints, or undefined when the extension is absent. */
  basicConstraints: { isCa: boolean; pathLength: number | undefined } | undefined;
  /** keyUsage bits (bit 0 = digitalSignature), or undefined when absent. */
  keyUsage: number | undefined;
  subjectAltNames: GeneralName[];
}

export const KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0;
export const KEY_USAGE_KEY_CERT_SIGN = 1 << 5;
export const KEY_USAGE_CRL_SIGN = 1 << 6;

const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';

/** Parses a DER certificate; throws DerError when it is not one. */
export function parseCertificateFields(der: Uint8Array): CertificateFields {
  const certificate = expectTlv(der, 0, TAG_SEQUENCE);
  if (certificate.end !== der.length) throw new DerError('trailing data after certificate');
  const [tbs, signatureAlgorithm] = children(der, certificate);
  if (!tbs || !signatureAlgorithm) throw new DerError('bad certificate');
  const parts = children(der, tbs);
  let index = 0;
  let version = 1;
  if (parts[0]?.tag === 0xa0) {
    version = readSmallInteger(der, readTlv(der, parts[0].contentStart, parts[0].end)) + 1;
    index = 1;
  }
  const [serial, , issuer, validity, subject] = parts.slice(index, index + 5);
  if (!serial || !issuer || !validity || !subject) throw new DerError('bad TBSCertificate');
  const [notBefore, notAfter] = children(der, validity);
  if (!notBefore || !notAfter) throw new DerError('bad validity');
  const extensions = parts.find((p) => p.tag === 0xa3);
  const fields: CertificateFields = {
    version,
    serialHex: readIntegerHex(der, serial),
    isSerialNegative: isNegativeInteger(der, serial),
    signatureAlgorithmOid: readOid(der, readTlv(der, signatureAlgorithm.contentStart, signatureAlgorithm.end)),
    issuerDer: Buffer.from(bytesOf(der, issuer)),
    subjectDer: Buffer.from(bytesOf(der, subject)),
    issuer: parseName(der, issuer),
    subject: parseName(der, subject),
    notBefore: readTime(der, notBefore),
    notAfter: readTime(der, notAfter),
    basicConstraints: undefined,
    keyUsage: undefined,
    subjectAltNames: [],
  };
  if (extensions) readExtensions(der, readTlv(der, extensions.contentStart, extensions.end), fields);
  return fields;
}

function readExtensions(der: Uint8Array, list: Tlv, fields: CertificateFields): void {
  for (const extension of children(der, list)) {
    const items = children(der, extension);
    const oid = readOid(der, items[0]!);
    const value = items[items.length - 1]!;
    if (value.tag !== TAG_OCTET_STRING) throw new DerError('bad extension value');
    const inner = readTlv(der, value.contentStart, value.end);
    if (oid === OID_BASIC_CONSTRAINTS) fields.basicConstraints = readBasicConstraints(der, inner);
    else if (oid === OID_KEY_USAGE) fields.keyUsage = readKeyUsage(der, inner);
    else if (oid === OID_SUBJECT_ALT_NAME) fields.subjectAltNames = parseGeneralNames(der, inner);
  }
}

function readBasicConstraints(der: Uint8Array, sequence: Tlv): { isCa: boolean; pathLength: number | undefined } {
  let isCa = false;
  let pathLength: number | undefined;
  for (const item of children(der, sequence)) {
    if (item.tag === TAG_BOOLEAN) isCa = der[item.contentStart] !== 0;
    else pathLength = readSmallInteger(der, item);
  }
  return { isCa, pathLength };
}

/** KeyUsage is a named BIT STRING: bit 0 is the most significant bit of the first octet. */
function readKeyUsage(der: Uint8Array, tlv: Tlv): number {
  const { bytes } = readBitString(der, tlv);
  let bits = 0;
  for (let i = 0; i < bytes.length && i < 2; i++) {
    for (let b = 0; b < 8; b++) if (bytes[i]! & (0x80 >> b)) bits |= 1 << (i * 8 + b);
  }
  return bits;
}

/** Whether a signature algorithm uses SHA-256 or stronger (roles-anywhere.md §2). */
export function isStrongSignatureAlgorithm(oid: string): boolean {
  return STRONG_SIGNATURE_ALGORITHMS.has(oid);
}

const STRONG_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set([
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.10', // RSASSA-PSS (hash in parameters; OpenSSL rejects weak ones)
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
  '1.3.101.112', // Ed25519
]);

