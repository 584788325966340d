// Distinguished names (RFC 5280 §4.1.2.4): parse "CN=a,O=b,OU=c" strings, encode and decode Name.
import { InputError } from '../../errors.js';
import { ia5String, oid, printableString, sequence, setOf, utf8String } from '../../x509/der-writer.js';
import type { DerNode } from '../../x509/der-reader.js';
import {
  attributeTypeOid,
  decodeDirectoryString,
  formatName,
  nameRdns,
  rdnAttributes,
  readAttributeTypeAndValue,
  type NameAttribute as ReadNameAttribute,
} from '../../x509/distinguished-name.js';

/** One attribute in certificate order: x509/'s NameAttribute, of a type the CA writes. */
export interface NameAttribute extends ReadNameAttribute {
  shortName: AttributeType;
}

export type AttributeType = 'CN' | 'O' | 'OU' | 'L' | 'ST' | 'C' | 'UID' | 'DC' | 'serialNumber';

interface AttributeRule {
  /** RFC 5280 Appendix A upper bound, in characters. */
  maxLength: number;
  encoding: 'utf8' | 'printable' | 'ia5';
}

const RULES: Readonly<Record<AttributeType, AttributeRule>> = {
  CN: { maxLength: 64, encoding: 'utf8' },
  O: { maxLength: 64, encoding: 'utf8' },
  OU: { maxLength: 64, encoding: 'utf8' },
  L: { maxLength: 128, encoding: 'utf8' },
  ST: { maxLength: 128, encoding: 'utf8' },
  C: { maxLength: 2, encoding: 'printable' },
  UID: { maxLength: 256, encoding: 'utf8' },
  DC: { maxLength: 63, encoding: 'ia5' },
  serialNumber: { maxLength: 64, encoding: 'printable' },
};

export const ATTRIBUTE_TYPES = Object.keys(RULES) as AttributeType[];

/** The attribute's OID, from x509/'s one attribute-type table (SHORT_NAMES). */
export function attributeOid(type: AttributeType): string {
  // Non-null: every AttributeType is a short name in SHORT_NAMES (distinguished-name.test.ts checks it).
  return attributeTypeOid(type)!;
}
const TYPE_BY_OID = new Map(ATTRIBUTE_TYPES.map((type) => [attributeOid(type), type]));

/** `nameAttribute('OU', 'Security')`: the attribute with its OID. */
export function nameAttribute(type: AttributeType, value: string): NameAttribute {
  return { oid: attributeOid(type), shortName: type, value };
}
const TYPE_BY_NAME = new Map(ATTRIBUTE_TYPES.map((type) => [type.toLowerCase(), type]));
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function checkValue(type: AttributeType, value: string, source: string): void {
  const rule = RULES[type];
  const fail = (why: string): never => {
    throw new InputError('SUBJECT_INVALID', `invalid subject attribute ${type}: ${why} (${source}). Fix the subject.`);
  };
  if (value.length === 0) fail('the value is empty');
  if (type === 'C' && !/^[A-Z]{2}$/.test(value)) fail('must be a two-letter country code');
  if ([...value].length > rule.maxLength) fail(`longer than ${rule.maxLength} characters`);
  if (rule.encoding === 'printable' && !PRINTABLE.test(value)) fail('only PrintableString characters are allowed');
  if (rule.encoding === 'ia5' && !/^[\x20-\x7e]*$/.test(value)) fail('only ASCII is allowed');
  if (/[\u0000-\u001f\u007f]/.test(value)) fail('control characters are not allowed');
}

/** Splits on unescaped `sep`, keeping backslash escapes for the caller. */
function splitEscaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    // Non-null: i stays below text.length in this loop.
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Parses `CN=Alice,O=Example,OU=A,OU=B` (commas inside values escaped as `\,`), in that order. */
export function parseDistinguishedName(text: string): NameAttribute[] {
  if (text.trim() === '') throw new InputError('SUBJECT_INVALID', `invalid subject: it is empty (${JSON.stringify(text)}). Give at least CN=NAME.`);
  return splitEscaped(text, ',').map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq).trim();
    const type = TYPE_BY_NAME.get(name.toLowerCase());
    if (eq < 0 || type === undefined) {
      throw new InputError('SUBJECT_INVALID', `invalid subject: unknown or missing attribute in ${JSON.stringify(part.trim())} (${text}). Use ${ATTRIBUTE_TYPES.join(', ')} as TYPE=VALUE separated by commas.`);
    }
    const value = part.slice(eq + 1).trim().replace(/\\(.)/g, '$1');
    checkValue(type, value, text);
    return nameAttribute(type, value);
  });
}

function encodeValue(rule: AttributeRule, value: string): Buffer {
  if (rule.encoding === 'printable') return printableString(value);
  if (rule.encoding === 'ia5') return ia5String(value);
  return utf8String(value);
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (one attribute per RDN, in the given order). */
export function encodeName(attributes: readonly NameAttribute[]): Buffer {
  return sequence(
    ...attributes.map(({ shortName, value }) => {
      const rule = RULES[shortName];
      return setOf(sequence(oid(attributeOid(shortName)), encodeValue(rule, value)));
    }),
  );
}

/** The string types the CA reads back: UTF8String, PrintableString, IA5String and BMPString. */
const READABLE_STRING_TAGS: ReadonlySet<number> = new Set([0x0c, 0x13, 0x16, 0x1e]);

function decodeString(node: DerNode): string {
  if (!READABLE_STRING_TAGS.has(node.tag)) {
    throw new InputError('SUBJECT_INVALID', `invalid subject: string type 0x${node.tag.toString(16)} is not supported. Use UTF8String or PrintableString.`);
  }
  return decodeDirectoryString(node);
}

/** Decodes a Name, refusing attribute types outside the supported list and multi-valued RDNs. */
export function decodeName(node: DerNode): NameAttribute[] {
  return nameRdns(node).map((rdn) => {
    const atvs = rdnAttributes(rdn);
    if (atvs.length !== 1) throw new InputError('SUBJECT_INVALID', 'invalid subject: multi-valued RDNs are not supported. Use one attribute per RDN.');
    // Non-null: atvs.length === 1 was checked on the line above.
    const { oid: attributeOid, value: valueNode } = readAttributeTypeAndValue(atvs[0]!);
    const type = TYPE_BY_OID.get(attributeOid);
    if (type === undefined) {
      throw new InputError('SUBJECT_INVALID', `invalid subject: attribute ${attributeOid} is not supported. Use ${ATTRIBUTE_TYPES.join(', ')}.`);
    }
    const value = decodeString(valueNode);
    checkValue(type, value, 'CSR subject');
    return nameAttribute(type, value);
  });
}

/** `CN=Alice, O=Example` in certificate order (x509/'s formatName); parseDistinguishedName reads it back. */
export function formatDistinguishedName(attributes: readonly NameAttribute[]): string {
  return formatName(attributes, ', ');
}
