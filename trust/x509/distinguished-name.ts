// X.501 Name (RFC 5280 §4.1.2.4): RDN attributes in certificate order, with the short names that
// Roles Anywhere uses as tag keys (roles-anywhere.md §4.1).
import { children, contentOf, DerError, readOid, readTlv, TAG_SEQUENCE, TAG_SET, type Tlv } from './der-reader.js';

export interface NameAttribute {
  oid: string;
  /** OpenSSL short name (CN, OU, ...), or undefined for an attribute type we do not recognise. */
  shortName: string | undefined;
  value: string;
}

/** The attribute types "*" mappings and tags recognise (the common OpenSSL short names). */
export const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
]);

/** Parses the Name TLV (a SEQUENCE OF SET OF AttributeTypeAndValue). */
export function parseName(der: Uint8Array, name: Tlv): NameAttribute[] {
  if (name.tag !== TAG_SEQUENCE) throw new DerError('expected a Name');
  const attributes: NameAttribute[] = [];
  for (const rdn of children(der, name)) {
    if (rdn.tag !== TAG_SET) throw new DerError('expected an RDN SET');
    for (const atv of children(der, rdn)) {
      const [type, value] = children(der, atv);
      if (!type || !value) throw new DerError('bad AttributeTypeAndValue');
      const oid = readOid(der, type);
      attributes.push({ oid, shortName: SHORT_NAMES.get(oid), value: decodeDirectoryString(der, value) });
    }
  }
  return attributes;
}

/** Parses a Name from its complete DER encoding. */
export function parseNameDer(der: Uint8Array): NameAttribute[] {
  return parseName(der, readTlv(der, 0));
}

/** `CN=a,O=b` in certificate order (for display and the Subject resource's x509Subject). */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes.map((a) => `${a.shortName ?? a.oid}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`).join(',');
}

function decodeDirectoryString(der: Uint8Array, tlv: Tlv): string {
  const bytes = Buffer.from(contentOf(der, tlv));
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x1e: // BMPString: UTF-16BE
      return bytes.swap16().toString('utf16le');
    case 0x1c: // UniversalString: UTF-32BE
      return decodeUtf32(bytes);
    default: // Printable, IA5, Numeric, Visible, Teletex (read as Latin-1)
      return bytes.toString('latin1');
  }
}

function decodeUtf32(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) text += String.fromCodePoint(bytes.readUInt32BE(i));
  return text;
}
