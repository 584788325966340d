// Certificate serial numbers (RFC 5280 §4.1.2.2): random, positive, 128 bits of which 127 random.
import { unsignedInteger } from '../../x509/der-writer.js';

export const SERIAL_BYTES = 16;

/**
 * A serial from 16 random bytes: top bit cleared (positive) and the first byte made nonzero, so
 * the DER INTEGER is always exactly 16 content bytes and the hex form is 32 characters.
 */
export function serialFromRandom(random: Buffer): { hex: string; der: Buffer } {
  if (random.length !== SERIAL_BYTES) throw new RangeError(`serialFromRandom: need ${SERIAL_BYTES} bytes`);
  const bytes = Buffer.from(random);
  // Non-null: random has SERIAL_BYTES bytes (checked above), so byte 0 exists.
  bytes[0] = bytes[0]! & 0x7f;
  if (bytes[0] === 0) bytes[0] = 0x01;
  return { hex: bytes.toString('hex'), der: unsignedInteger(bytes) };
}

/** Normalises a user-given serial (hex, optional 0x and colons) to lower-case hex without leading zeros. */
export function normaliseSerialHex(text: string): string | undefined {
  const hex = text.trim().replace(/^0x/i, '').replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length > 40) return undefined;
  return wholeBytesHex(hex.replace(/^0+(?=.)/, ''));
}

/** Hex of whole bytes, as the store keeps serials: `a1b` becomes `0a1b`. */
export function wholeBytesHex(hex: string): string {
  return hex.length % 2 ? `0${hex}` : hex;
}

/** DER INTEGER for a stored hex serial. */
export function serialDer(hex: string): Buffer {
  return unsignedInteger(Buffer.from(hex, 'hex'));
}
