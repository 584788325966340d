// A minimal DER reader (X.690 §8.1, definite lengths only): enough to walk certificates and CRLs
// without an ASN.1 library, so large CRLs (10k+ entries) parse in milliseconds.

export interface Tlv {
  /** The identifier octet (tag class, constructed bit and number; single-octet tags only). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet. */
  end: number;
}

export const TAG_BOOLEAN = 0x01;
export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_OID = 0x06;
export const TAG_UTC_TIME = 0x17;
export const TAG_GENERALIZED_TIME = 0x18;
export const TAG_SEQUENCE = 0x30;
export const TAG_SET = 0x31;

/** Thrown for malformed DER; callers turn it into their own error. */
export class DerError extends Error {}

/** Reads the TLV at `offset`, which must end at or before `limit`. */
export function readTlv(der: Uint8Array, offset: number, limit: number = der.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated DER at ${offset}`);
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-octet tag at ${offset}`);
  let length = der[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) throw new DerError(`bad length at ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`length past end at ${offset}`);
  return { tag, start: offset, contentStart, end };
}

/** The TLVs directly inside a constructed TLV, in order. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(der, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

/** Reads a TLV and checks its tag. */
export function expectTlv(der: Uint8Array, offset: number, tag: number, limit?: number): Tlv {
  const tlv = readTlv(der, offset, limit);
  if (tlv.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)} at ${offset}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

export function contentOf(der: Uint8Array, tlv: Tlv): Uint8Array {
  return der.subarray(tlv.contentStart, tlv.end);
}

export function bytesOf(der: Uint8Array, tlv: Tlv): Uint8Array {
  return der.subarray(tlv.start, tlv.end);
}

/** Dotted OID text from an OBJECT IDENTIFIER TLV. */
export function readOid(der: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG_OID || tlv.end === tlv.contentStart) throw new DerError('expected an OID');
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.end; i++) {
    const byte = der[i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Lower-case hex of an INTEGER's magnitude without leading zeros ('0' for zero). */
export function readIntegerHex(der: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG_INTEGER) throw new DerError('expected an INTEGER');
  const hex = Buffer.from(contentOf(der, tlv)).toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

/** Whether an INTEGER is negative (two's complement sign bit set). */
export function isNegativeInteger(der: Uint8Array, tlv: Tlv): boolean {
  return tlv.end > tlv.contentStart && (der[tlv.contentStart]! & 0x80) !== 0;
}

export function readSmallInteger(der: Uint8Array, tlv: Tlv): number {
  return Number.parseInt(readIntegerHex(der, tlv), 16);
}

/** UTCTime (years 1950-2049) or GeneralizedTime, both in the 'Z' form RFC 5280 requires. */
export function readTime(der: Uint8Array, tlv: Tlv): Date {
  const text = Buffer.from(contentOf(der, tlv)).toString('latin1');
  const m =
    tlv.tag === TAG_UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : tlv.tag === TAG_GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!m) throw new DerError(`bad time ${JSON.stringify(text)}`);
  let year = Number(m[1]);
  if (tlv.tag === TAG_UTC_TIME) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** BIT STRING content without the unused-bits octet, plus that count. */
export function readBitString(der: Uint8Array, tlv: Tlv): { bytes: Uint8Array; unusedBits: number } {
  if (tlv.tag !== TAG_BIT_STRING || tlv.end === tlv.contentStart) throw new DerError('expected a BIT STRING');
  return { bytes: der.subarray(tlv.contentStart + 1, tlv.end), unusedBits: der[tlv.contentStart]! };
}
