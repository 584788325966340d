// KeyUsage (RFC 5280 §4.2.1.3) as one flags type, used to build the extension and to read it:
// flag 1 << n is the named bit n (bit 0, digitalSignature, is the first octet's top bit).
import { readBitString, type DerNode } from './der-reader.js';

export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
  encipherOnly: 1 << 7,
  decipherOnly: 1 << 8,
} as const;

/** An OR of KEY_USAGE values. */
export type KeyUsageFlags = number;

const BIT_COUNT = 9;

/** Whether every flag in `wanted` is set in `flags` (false when the extension is absent). */
export function hasKeyUsage(flags: KeyUsageFlags | undefined, wanted: KeyUsageFlags): boolean {
  return flags !== undefined && (flags & wanted) === wanted;
}

/** The flags of a KeyUsage BIT STRING node; bits past decipherOnly are ignored. */
export function readKeyUsage(node: DerNode): KeyUsageFlags {
  const { bytes } = readBitString(node);
  let flags = 0;
  for (let bit = 0; bit < BIT_COUNT && bit < bytes.length * 8; bit++) {
    // Non-null: the loop bound keeps bit < bytes.length * 8, so bit >> 3 is an index into bytes.
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) flags |= 1 << bit;
  }
  return flags;
}

/**
 * The BIT STRING content of `flags` in the DER form for named bits (X.690 §11.2.2): trailing
 * zero bits dropped, so the last octet's lowest used bit is the highest flag set.
 */
export function keyUsageBits(flags: KeyUsageFlags): { bytes: Buffer; unusedBits: number } {
  if (flags === 0) return { bytes: Buffer.alloc(0), unusedBits: 0 };
  const highest = 31 - Math.clz32(flags);
  const bytes = Buffer.alloc((highest >> 3) + 1);
  for (let bit = 0; bit <= highest; bit++) if (flags & (1 << bit)) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  return { bytes, unusedBits: 7 - (highest & 7) };
}
