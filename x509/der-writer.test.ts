// Known-answer vectors for the DER writer (X.690 §8, §10).
import { describe, expect, it } from 'vitest';
import { bigInteger, bitString, oid, setOf, smallInteger, tlv, unsignedInteger, utf8String } from './der-writer.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('DER writer', () => {
  it.each([
    [0, '0400'],
    [127, `047f${'00'.repeat(127)}`],
    [128, `048180${'00'.repeat(128)}`],
    [256, `04820100${'00'.repeat(256)}`],
  ])('encodes a %i-byte length in minimal form', (length, expected) => {
    expect(hex(tlv(0x04, Buffer.alloc(length)))).toBe(expected);
  });

  it.each([
    ['00', '020100'],
    ['7f', '02017f'],
    ['80', '02020080'],
    ['000001', '020101'],
    ['0080', '02020080'],
  ])('encodes unsigned magnitude %s as %s', (magnitude, expected) => {
    expect(hex(unsignedInteger(Buffer.from(magnitude, 'hex')))).toBe(expected);
  });

  it('encodes small and big integers', () => {
    expect(hex(smallInteger(0))).toBe('020100');
    expect(hex(smallInteger(2))).toBe('020102');
    expect(hex(smallInteger(65537))).toBe('0203010001');
    expect(hex(bigInteger(2n ** 64n))).toBe('0209010000000000000000');
  });

  it('encodes OIDs (RFC 5758 ecdsa-with-SHA256, RFC 5280 id-ce-keyUsage, a large arc)', () => {
    expect(hex(oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(oid('2.5.29.15'))).toBe('0603551d0f');
    expect(hex(oid('2.999.3'))).toBe('0603883703');
  });

  it('sorts SET OF elements', () => {
    expect(hex(setOf(utf8String('b'), utf8String('a')))).toBe('31060c01610c0162');
  });

  it('writes the unused-bits octet of a BIT STRING', () => {
    expect(hex(bitString(Buffer.from([0x80]), 7))).toBe('03020780');
  });
});
