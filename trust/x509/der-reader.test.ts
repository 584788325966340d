// The DER reader's edge cases (X.690 §8.1): long-form lengths, truncation, integers and times.
import { describe, expect, it } from 'vitest';
import { children, DerError, isNegativeInteger, readIntegerHex, readOid, readTime, readTlv } from './der-reader.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');

describe('der-reader', () => {
  it('reads short and long-form lengths', () => {
    expect(readTlv(bytes('0403 010203'), 0)).toEqual({ tag: 4, start: 0, contentStart: 2, end: 5 });
    const long = Buffer.concat([bytes('048200c8'), Buffer.alloc(200)]);
    expect(readTlv(long, 0)).toEqual({ tag: 4, start: 0, contentStart: 4, end: 204 });
  });

  it.each([
    ['a length past the end', '0405 0102'],
    ['an indefinite length', '3080 0000'],
    ['a truncated header', '30'],
    ['a multi-octet tag', '1f8101 00'],
  ])('refuses %s', (_name, hex) => {
    expect(() => readTlv(bytes(hex), 0)).toThrow(DerError);
  });

  it('walks the children of a SEQUENCE', () => {
    const der = bytes('3006 020101 020102');
    expect(children(der, readTlv(der, 0)).map((c) => readIntegerHex(der, c))).toEqual(['1', '2']);
  });

  it('reads integers without leading zeros, and their sign', () => {
    const positive = bytes('0203 00ff01');
    expect(readIntegerHex(positive, readTlv(positive, 0))).toBe('ff01');
    expect(isNegativeInteger(positive, readTlv(positive, 0))).toBe(false);
    const negative = bytes('0201 80');
    expect(isNegativeInteger(negative, readTlv(negative, 0))).toBe(true);
    const zero = bytes('0201 00');
    expect(readIntegerHex(zero, readTlv(zero, 0))).toBe('0');
  });

  it('reads OIDs, UTCTime (1950-2049) and GeneralizedTime', () => {
    const oid = bytes('0609 2a864886f70d01010b');
    expect(readOid(oid, readTlv(oid, 0))).toBe('1.2.840.113549.1.1.11');
    const utc = Buffer.concat([bytes('170d'), Buffer.from('491231235959Z')]);
    expect(readTime(utc, readTlv(utc, 0)).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    const utc1950 = Buffer.concat([bytes('170d'), Buffer.from('500101000000Z')]);
    expect(readTime(utc1950, readTlv(utc1950, 0)).getUTCFullYear()).toBe(1950);
    const generalized = Buffer.concat([bytes('180f'), Buffer.from('20500101000000Z')]);
    expect(readTime(generalized, readTlv(generalized, 0)).toISOString()).toBe('2050-01-01T00:00:00.000Z');
  });
});
