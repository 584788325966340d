// Distinguished names and subject alternative names: parsing, DER vectors and round trips.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { readRoot } from './der-reader.js';
import { decodeName, encodeName, formatDistinguishedName, parseDistinguishedName } from './distinguished-name.js';
import { decodeGeneralNames, encodeGeneralNames, parseSubjectAltName } from './subject-alt-name.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('distinguished names', () => {
  it('parses in the given order, with escaped commas and case-insensitive types', () => {
    expect(parseDistinguishedName('cn=Smith\\, John, o=Example, OU=A,OU=B, serialnumber=42')).toEqual([
      { type: 'CN', value: 'Smith, John' }, { type: 'O', value: 'Example' }, { type: 'OU', value: 'A' }, { type: 'OU', value: 'B' }, { type: 'serialNumber', value: '42' },
    ]);
  });

  it('encodes UTF8String, PrintableString for C and serialNumber, IA5String for DC', () => {
    expect(hex(encodeName([{ type: 'CN', value: 'a' }]))).toBe('300c310a300806035504030c0161');
    expect(hex(encodeName([{ type: 'C', value: 'US' }]))).toBe('300d310b3009060355040613025553');
    expect(hex(encodeName([{ type: 'DC', value: 'x' }]))).toBe('30133111300f060a0992268993f22c640119160178');
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

describe('subject alternative names', () => {
  it('parses and round-trips every supported type', () => {
    const sans = ['dns:Host.Example.com', 'uri:spiffe://example.com/ns/a/sa/b', 'email:ops@example.com', 'ip:192.0.2.1', 'ip:2001:db8::1', 'ip:::ffff:192.0.2.1', 'dirname:CN=Alice,OU=Team'].map(parseSubjectAltName);
    expect(sans[0]).toEqual({ type: 'dns', value: 'host.example.com' });
    const decoded = decodeGeneralNames(encodeGeneralNames(sans));
    expect(decoded.map((s) => `${s.type}:${s.value}`)).toEqual([
      'dns:host.example.com', 'uri:spiffe://example.com/ns/a/sa/b', 'email:ops@example.com', 'ip:192.0.2.1', 'ip:2001:db8::1', 'ip:::ffff:c000:201', 'dirname:CN=Alice, OU=Team',
    ]);
  });

  it('encodes IP addresses as 4 or 16 octets', () => {
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:10.0.0.1')]))).toBe('3006870' + '40a000001');
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:2001:db8::1')]))).toBe(`30128710${'20010db8000000000000000000000001'}`);
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:::')]))).toBe(`30128710${'00'.repeat(16)}`);
  });

  it.each(['dns:', 'dns:-bad.example', 'dns:a..b', 'dns:*.example.com', 'uri:no-scheme', 'uri:spiffe://a b', 'email:nobody', 'email:a@b@', 'ip:1.2.3', 'ip:fe80::1%eth0', 'ftp:x', 'x'])('refuses %j', (text) => {
    expect(() => parseSubjectAltName(text)).toThrow(InputError);
  });
});
