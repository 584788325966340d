// The fields of an X.509 certificate (RFC 5280 §4.1) that the CA, the emulator's checks and tag
// mapping read (roles-anywhere.md §2, §4.1): parsed from DER without an ASN.1 library.
import {
  children,
  content,
  decodeOid,
  DerError,
  encoded,
  expectTag,
  inner,
  isNegativeInteger,
  readIntegerHex,
  readRoot,
  readSmallInteger,
  readTime,
  TAG_BOOLEAN,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  type DerNode,
} from './der-reader.js';
import { parseName, type NameAttribute } from './distinguished-name.js';
import { parseGeneralNames, type GeneralName } from './general-names.js';
import { readKeyUsage, type KeyUsageFlags } from './key-usage.js';
import { EXTENSION_OID } from './oids.js';

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
  /** The subject Name node, for readers stricter than `subject` (the CA's). */
  subjectNode: DerNode;
  subjectPublicKeyInfo: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints, or undefined when the extension is absent. */
  basicConstraints: { isCa: boolean; pathLength: number | undefined } | undefined;
  /** keyUsage flags (KEY_USAGE), or undefined when the extension is absent. */
  keyUsage: KeyUsageFlags | undefined;
  subjectKeyId: Buffer | undefined;
  subjectAltNames: GeneralName[];
  /** extnValue contents by extension OID. */
  extensions: ReadonlyMap<string, Buffer>;
}

/** Parses a DER certificate; throws DerError when it is not one. */
export function parseCertificateFields(der: Uint8Array): CertificateFields {
  const [tbs, signatureAlgorithm] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'Certificate'));
  const parts = children(expectTag(tbs, TAG_SEQUENCE, 'TBSCertificate'));
  const hasVersion = parts[0]?.tag === 0xa0;
  // Non-null: hasVersion is true only when parts[0] exists.
  const version = hasVersion ? readSmallInteger(inner(parts[0]!)) + 1 : 1;
  const [serial, , issuer, validity, subject, spki] = parts.slice(hasVersion ? 1 : 0);
  const [notBefore, notAfter] = children(expectTag(validity, TAG_SEQUENCE, 'Validity'));
  if (!serial || !notBefore || !notAfter) throw new DerError('bad TBSCertificate');
  const subjectNode = expectTag(subject, TAG_SEQUENCE, 'subject');
  const fields: CertificateFields = {
    version,
    serialHex: readIntegerHex(serial),
    isSerialNegative: isNegativeInteger(serial),
    signatureAlgorithmOid: decodeOid(expectTag(children(expectTag(signatureAlgorithm, TAG_SEQUENCE, 'signatureAlgorithm'))[0], TAG_OID, 'a signature algorithm OID')),
    issuerDer: Buffer.from(encoded(expectTag(issuer, TAG_SEQUENCE, 'issuer'))),
    subjectDer: Buffer.from(encoded(subjectNode)),
    issuer: parseName(expectTag(issuer, TAG_SEQUENCE, 'issuer')),
    subject: parseName(subjectNode),
    subjectNode,
    subjectPublicKeyInfo: Buffer.from(encoded(expectTag(spki, TAG_SEQUENCE, 'SubjectPublicKeyInfo'))),
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    basicConstraints: undefined,
    keyUsage: undefined,
    subjectKeyId: undefined,
    subjectAltNames: [],
    extensions: new Map(),
  };
  const extensions = parts.find((p) => p.tag === 0xa3);
  if (extensions) readExtensions(expectTag(children(extensions)[0], TAG_SEQUENCE, 'Extensions'), fields);
  return fields;
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
function readExtensions(list: DerNode, fields: CertificateFields): void {
  const values = new Map<string, Buffer>();
  for (const extension of children(list)) {
    const items = children(extension);
    const oid = decodeOid(expectTag(items[0], TAG_OID, 'an extension OID'));
    const value = expectTag(items[items.length - 1], TAG_OCTET_STRING, 'an extension value');
    values.set(oid, content(value));
    if (oid === EXTENSION_OID.basicConstraints) fields.basicConstraints = readBasicConstraints(inner(value));
    else if (oid === EXTENSION_OID.keyUsage) fields.keyUsage = readKeyUsage(inner(value));
    else if (oid === EXTENSION_OID.subjectKeyIdentifier) fields.subjectKeyId = content(expectTag(inner(value), TAG_OCTET_STRING, 'a KeyIdentifier'));
    else if (oid === EXTENSION_OID.subjectAltName) fields.subjectAltNames = parseGeneralNames(inner(value));
  }
  fields.extensions = values;
}

function readBasicConstraints(sequence: DerNode): { isCa: boolean; pathLength: number | undefined } {
  let isCa = false;
  let pathLength: number | undefined;
  for (const item of children(expectTag(sequence, TAG_SEQUENCE, 'BasicConstraints'))) {
    if (item.tag === TAG_BOOLEAN) isCa = item.source[item.contentStart] !== 0;
    else pathLength = readSmallInteger(item);
  }
  return { isCa, pathLength };
}
