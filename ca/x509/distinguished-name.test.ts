// Distinguished names (RFC 5280 §4.1.2.4): parsing, DER vectors and round trips.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { readRoot } from '../../x509/der-reader.js';
import { ATTRIBUTE_TYPES, attributeOid, decodeName, encodeName, formatDistinguishedName, nameAttribute, parseDistinguishedName } from './distinguished-name.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('distinguished names', () => {
  it('parses in the given order, with escaped commas and case-insensitive types', () => {
    expect(parseDistinguishedName('cn=Smith\\, John, o=Example, OU=A,OU=B, serialnumber=42')).toEqual([
      nameAttribute('CN', 'Smith, John'), nameAttribute('O', 'Example'), nameAttribute('OU', 'A'), nameAttribute('OU', 'B'), nameAttribute('serialNumber', '42'),
    ]);
  });

  it('encodes UTF8String, PrintableString for C and serialNumber, IA5String for DC', () => {
    expect(hex(encodeName([nameAttribute('CN', 'a')]))).toBe('300c310a300806035504030c0161');
    expect(hex(encodeName([nameAttribute('C', 'US')]))).toBe('300d310b3009060355040613025553');
    expect(hex(encodeName([nameAttribute('DC', 'x')]))).toBe('30133111300f060a0992268993f22c640119160178');
  });

  it('round-trips through DER and text, escaping special characters', () => {
    const name = parseDistinguishedName('CN=Ünïcødé \\+ co,O=A\\,B,OU=x,UID=u1,L=Seattle,ST=WA,C=US');
    expect(decodeName(readRoot(encodeName(name)))).toEqual(name);
    const text = formatDistinguishedName(name);
    expect(text).toBe('CN=Ünïcødé \\+ co, O=A\\,B, OU=x, UID=u1, L=Seattle, ST=WA, C=US');
    expect(parseDistinguishedName(text)).toEqual(name);
  });

  it.each([
    ['', /it is empty/],
    ['CN=', /the value is empty/],
    ['CN=x,E=y', /unknown or missing attribute in "E=y"/],
    ['CN', /unknown or missing attribute/],
    ['C=us', /two-letter country code/],
    ['serialNumber=a_b', /PrintableString/],
    [`CN=${'x'.repeat(65)}`, /longer than 64 characters/],
    ['CN=a\u0001b', /control characters/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDistinguishedName(text)).toThrow(InputError);
    expect(() => parseDistinguishedName(text)).toThrow(message);
  });
});

describe('attribute types', () => {
  it('takes every OID the CA writes from the one attribute-type table (RFC 4519, RFC 4524)', () => {
    expect(Object.fromEntries(ATTRIBUTE_TYPES.map((type) => [type, attributeOid(type)]))).toEqual({
      CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', L: '2.5.4.7', ST: '2.5.4.8', C: '2.5.4.6',
      UID: '0.9.2342.19200300.100.1.1', DC: '0.9.2342.19200300.100.1.25', serialNumber: '2.5.4.5',
    });
  });
});
