// Reads the TBSCertificate fields the CA needs (RFC 5280 §4.1) from a DER certificate.
import { children, content, decodeOid, encoded, expectTag, readRoot, type DerNode } from './der-reader.js';
import { OID } from './oids.js';

export interface CertificateFields {
  serialHex: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  subjectNode: DerNode;
  subjectPublicKeyInfo: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** Whether basicConstraints says cA TRUE. */
  isCa: boolean;
  /** keyUsage as the first byte of the BIT STRING (0x80 digitalSignature, 0x04 keyCertSign), if present. */
  keyUsageByte?: number;
  subjectKeyId?: Buffer;
  /** extnValue of subjectAltName, if present. */
  sanDer?: Buffer;
}

export function decodeTime(node: DerNode): Date {
  const text = content(node).toString('latin1');
  const match = node.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) throw new Error(`bad time ${text}`);
  let year = Number(match[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}

function readExtensions(node: DerNode | undefined, fields: CertificateFields): void {
  if (!node) return;
  for (const ext of children(children(node)[0]!)) {
    const parts = children(ext);
    const id = decodeOid(parts[0]!);
    const value = content(parts[parts.length - 1]!);
    if (id === OID.basicConstraints) {
      const items = children(readRoot(value));
      fields.isCa = items[0]?.tag === 0x01 && content(items[0]!)[0] !== 0;
    } else if (id === OID.keyUsage) {
      fields.keyUsageByte = content(readRoot(value))[1] ?? 0;
    } else if (id === OID.subjectKeyIdentifier) {
      fields.subjectKeyId = content(readRoot(value));
    } else if (id === OID.subjectAltName) {
      fields.sanDer = value;
    }
  }
}

/** Throws DerError (or Error) on malformed input; callers turn that into an InputError. */
export function parseCertificateFields(der: Buffer): CertificateFields {
  const [tbs] = children(expectTag(readRoot(der), 0x30, 'Certificate'));
  const items = children(expectTag(tbs, 0x30, 'TBSCertificate'));
  const offset = items[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuer, validity, subject, spki] = items.slice(offset);
  const [notBefore, notAfter] = children(expectTag(validity, 0x30, 'Validity'));
  const fields: CertificateFields = {
    serialHex: content(expectTag(serial, 0x02, 'serialNumber')).toString('hex').replace(/^00(?=[89a-f])/, ''),
    issuerDer: encoded(expectTag(issuer, 0x30, 'issuer')),
    subjectDer: encoded(expectTag(subject, 0x30, 'subject')),
    subjectNode: subject!,
    subjectPublicKeyInfo: encoded(expectTag(spki, 0x30, 'SubjectPublicKeyInfo')),
    notBefore: decodeTime(notBefore!),
    notAfter: decodeTime(notAfter!),
    isCa: false,
  };
  readExtensions(items.find((item) => item.tag === 0xa3), fields);
  return fields;
}
