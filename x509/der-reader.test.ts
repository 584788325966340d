// The DER reader's edge cases (X.690 §8.1, §10.1): long-form lengths, truncation, minimal lengths,
// integers, OIDs and times.
import { describe, expect, it } from 'vitest';
import { children, decodeOid, DerError, isNegativeInteger, readIntegerHex, readNode, readRoot, readTime, type DerNode } from './der-reader.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');
const position = (node: DerNode) => ({ tag: node.tag, start: node.start, contentStart: node.contentStart, end: node.end });

describe('der-reader', () => {
  it('reads short and long-form lengths', () => {
    expect(position(readNode(bytes('0403 010203')))).toEqual({ tag: 4, start: 0, contentStart: 2, end: 5 });
    const long = Buffer.concat([bytes('0481c8'), Buffer.alloc(200)]);
    expect(position(readNode(long))).toEqual({ tag: 4, start: 0, contentStart: 3, end: 203 });
    const longer = Buffer.concat([bytes('04820100'), Buffer.alloc(256)]);
    expect(position(readNode(longer))).toEqual({ tag: 4, start: 0, contentStart: 4, end: 260 });
  });

  it.each([
    ['a length past the end', '0405 0102'],
    ['an indefinite length', '3080 0000'],
    ['a truncated header', '30'],
    ['a multi-octet tag', '1f8101 00'],
    ['a non-minimal two-octet length', `048200c8${'00'.repeat(200)}`],
  ])('refuses %s', (_name, hex) => {
    expect(() => readNode(bytes(hex))).toThrow(DerError);
  });

  it('walks the children of a SEQUENCE', () => {
    const der = bytes('3006 020101 020102');
    expect(children(readNode(der)).map((c) => readIntegerHex(c))).toEqual(['1', '2']);
  });

  it('reads integers without leading zeros, and their sign', () => {
    const positive = bytes('0203 00ff01');
    expect(readIntegerHex(readNode(positive))).toBe('ff01');
    expect(isNegativeInteger(readNode(positive))).toBe(false);
    const negative = bytes('0201 80');
    expect(isNegativeInteger(readNode(negative))).toBe(true);
    const zero = bytes('0201 00');
    expect(readIntegerHex(readNode(zero))).toBe('0');
  });

  it('reads OIDs, UTCTime (1950-2049) and GeneralizedTime', () => {
    const oid = bytes('0609 2a864886f70d01010b');
    expect(decodeOid(readNode(oid))).toBe('1.2.840.113549.1.1.11');
    const utc = Buffer.concat([bytes('170d'), Buffer.from('491231235959Z')]);
    expect(readTime(readNode(utc)).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    const utc1950 = Buffer.concat([bytes('170d'), Buffer.from('500101000000Z')]);
    expect(readTime(readNode(utc1950)).getUTCFullYear()).toBe(1950);
    const generalized = Buffer.concat([bytes('180f'), Buffer.from('20500101000000Z')]);
    expect(readTime(readNode(generalized)).toISOString()).toBe('2050-01-01T00:00:00.000Z');
  });

  it('walks nested nodes and decodes OIDs', () => {
    const root = readRoot(Buffer.from('300806035504030c0161', 'hex'));
    const [type, value] = children(root);
    expect(decodeOid(type!)).toBe('2.5.4.3');
    expect(value!.tag).toBe(0x0c);
    // oid('2.999.3') as the DER writer encodes it (ca/x509/der.test.ts).
    expect(decodeOid(readRoot(bytes('0603883703')))).toBe('2.999.3');
  });

  it('keeps OID arcs past 2^53 exact (a UUID OID under 2.25, X.667)', () => {
    // Encoded by `openssl asn1parse -genstr OID:2.25.329800735698586629295641978511506172918`.
    const uuidOid = bytes('0614 6983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776');
    expect(decodeOid(readRoot(uuidOid))).toBe('2.25.329800735698586629295641978511506172918');
  });

  it.each([
    ['truncated content', '3005020101'],
    ['truncated header', '30'],
    ['non-minimal long length', '30810100'],
    ['indefinite length', '30800000'],
    ['trailing data', '300000'],
  ])('rejects %s', (_name, input) => {
    expect(() => {
      const root = readRoot(Buffer.from(input, 'hex'));
      children(root);
    }).toThrow(DerError);
  });
});
