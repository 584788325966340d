// Serial numbers (RFC 5280 §4.1.2.2): positive, 16 octets, and user-given serial normalisation.
import { describe, expect, it } from 'vitest';
import { normaliseSerialHex, serialDer, serialFromRandom } from './serial-number.js';

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
