// X.501 Name (RFC 5280 §4.1.2.4): RDN attributes in certificate order, with the short names that
// Roles Anywhere uses as tag keys (roles-anywhere.md §4.1).
import { children, content, decodeOid, DerError, expectTag, readRoot, TAG_SEQUENCE, TAG_SET, type DerNode } from './der-reader.js';

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

const OID_BY_SHORT_NAME: ReadonlyMap<string, string> = new Map([...SHORT_NAMES].map(([oid, shortName]) => [shortName, oid]));

/** The OID of an attribute type by its short name (`CN` -> 2.5.4.3), or undefined. */
export function attributeTypeOid(shortName: string): string | undefined {
  return OID_BY_SHORT_NAME.get(shortName);
}

/** The RDNs of a Name (SEQUENCE OF RelativeDistinguishedName), in order. */
export function nameRdns(name: DerNode): DerNode[] {
  return children(expectTag(name, TAG_SEQUENCE, 'a Name'));
}

/** The AttributeTypeAndValue nodes of one RDN (SET OF). */
export function rdnAttributes(rdn: DerNode): DerNode[] {
  return children(expectTag(rdn, TAG_SET, 'an RDN SET'));
}

/** AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }; the value still encoded. */
export function readAttributeTypeAndValue(atv: DerNode): { oid: string; value: DerNode } {
  const [type, value] = children(atv);
  if (!type || !value) throw new DerError('bad AttributeTypeAndValue');
  return { oid: decodeOid(type), value };
}

/** A DirectoryString (or IA5String) value as text. */
export function decodeDirectoryString(node: DerNode): string {
  const bytes = content(node);
  switch (node.tag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x1e: // BMPString: UTF-16BE
      return Buffer.from(bytes).swap16().toString('utf16le');
    case 0x1c: // UniversalString: UTF-32BE
      return decodeUtf32(bytes);
    default: // Printable, IA5, Numeric, Visible, Teletex (read as Latin-1)
      return bytes.toString('latin1');
  }
}

/** Parses a Name node: every attribute of every RDN, in certificate order. */
export function parseName(name: DerNode): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  for (const rdn of nameRdns(name)) {
    for (const atv of rdnAttributes(rdn)) {
      const { oid, value } = readAttributeTypeAndValue(atv);
      attributes.push({ oid, shortName: SHORT_NAMES.get(oid), value: decodeDirectoryString(value) });
    }
  }
  return attributes;
}

/** Parses a Name from its complete DER encoding. */
export function parseNameDer(der: Uint8Array): NameAttribute[] {
  return parseName(readRoot(der));
}

/** An attribute value escaped as RFC 4514 §2.4 asks: `,+"\\<>;` anywhere, `#` or space first, space last. */
export function escapeNameValue(value: string): string {
  return value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

/**
 * The one DN formatter: `CN=a,O=b` in certificate order (the Subject resource's x509Subject), or
 * with `separator` `', '` for the CA's display; values escaped by escapeNameValue.
 */
export function formatName(attributes: readonly NameAttribute[], separator = ','): string {
  return attributes.map((a) => `${a.shortName ?? a.oid}=${escapeNameValue(a.value)}`).join(separator);
}

function decodeUtf32(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) text += String.fromCodePoint(bytes.readUInt32BE(i));
  return text;
}
