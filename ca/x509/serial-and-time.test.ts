// Serial numbers (RFC 5280 §4.1.2.2) and X.509 Time (§4.1.2.5): vectors and edge cases.
import { describe, expect, it } from 'vitest';
import { normaliseSerialHex, serialDer, serialFromRandom } from './serial-number.js';
import { encodeTime, truncateToSecond } from './time.js';

describe('serialFromRandom', () => {
  it('clears the top bit so the serial is positive and exactly 16 octets', () => {
    const serial = serialFromRandom(Buffer.alloc(16, 0xff));
    expect(serial.hex).toBe(`7f${'ff'.repeat(15)}`);
    expect(serial.der.toString('hex')).toBe(`0210${serial.hex}`);
  });

  it('makes a zero first byte nonzero so the DER INTEGER is never shorter', () => {
    const serial = serialFromRandom(Buffer.alloc(16, 0));
    expect(serial.hex).toBe(`01${'00'.repeat(15)}`);
    expect(serial.der.length).toBe(18);
  });

  it('needs 16 random bytes', () => {
    expect(() => serialFromRandom(Buffer.alloc(8))).toThrow(RangeError);
  });
});

describe('normaliseSerialHex', () => {
  it.each([
    ['7E9F8AD9', '7e9f8ad9'],
    ['0x7e:9f', '7e9f'],
    ['0001ab', '01ab'],
    ['abc', '0abc'],
    ['0', '00'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseSerialHex(input)).toBe(expected);
  });

  it.each(['', 'xyz', '12 34', 'a'.repeat(41)])('rejects %j', (input) => {
    expect(normaliseSerialHex(input)).toBeUndefined();
  });

  it('serialDer adds a sign octet for a high first bit', () => {
    expect(serialDer('80').toString('hex')).toBe('02020080');
  });
});

describe('encodeTime', () => {
  it.each([
    ['2049-12-31T23:59:59.999Z', '170d3439313233313233353935395a'],
    ['2050-01-01T00:00:00Z', '180f32303530303130313030303030305a'],
    ['1950-01-01T00:00:00Z', '170d3530303130313030303030305a'],
  ])('%s', (iso, expected) => {
    expect(encodeTime(new Date(iso)).toString('hex')).toBe(expected);
  });

  it('truncates to whole seconds', () => {
    expect(truncateToSecond(new Date('2026-05-06T07:08:09.999Z')).toISOString()).toBe('2026-05-06T07:08:09.000Z');
  });
});
