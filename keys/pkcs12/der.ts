// A minimal BER/DER reader (X.690 §8.1) for PKCS#12 files: tag-length-value walking, with the
// indefinite lengths and constructed OCTET STRINGs that some PKCS#12 writers emit (so not
// x509/der-reader, which is DER-only); OIDs decode with the shared x509/ decoder.
import { oidFromContent } from '../../x509/der-reader.js';

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  isConstructed: boolean;
  /** Content octets (for an indefinite length, without the end-of-contents octets). */
  value: Buffer;
  /** The whole element, header included. */
  raw: Buffer;
}

export class DerError extends Error {}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_0_PRIMITIVE: 0x80,
} as const;

/** Reads one element at `offset`; returns it and the offset after it. */
export function readTlv(data: Buffer, offset = 0): { tlv: Tlv; next: number } {
  if (offset + 2 > data.length) throw new DerError('truncated element');
  const tag = data[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used by PKCS#12');
  let pos = offset + 1;
  const first = data[pos++]!;
  const isConstructed = (tag & 0x20) !== 0;
  if (first === 0x80) {
    if (!isConstructed) throw new DerError('indefinite length on a primitive element');
    const start = pos;
    while (!(data[pos] === 0 && data[pos + 1] === 0)) {
      if (pos >= data.length) throw new DerError('unterminated indefinite length');
      pos = readTlv(data, pos).next;
    }
    return { tlv: { tag, isConstructed, value: data.subarray(start, pos), raw: data.subarray(offset, pos + 2) }, next: pos + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('length too large');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + data[pos++]!;
  }
  const end = pos + length;
  if (end > data.length) throw new DerError('truncated element');
  return { tlv: { tag, isConstructed, value: data.subarray(pos, end), raw: data.subarray(offset, end) }, next: end };
}

/** The children of a constructed element. */
export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < tlv.value.length) {
    const { tlv: child, next } = readTlv(tlv.value, pos);
    out.push(child);
    pos = next;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

/** Content of an OCTET STRING, joining the segments of a constructed (BER) one. */
export function octets(tlv: Tlv): Buffer {
  if (!tlv.isConstructed) return tlv.value;
  return Buffer.concat(children(tlv).map(octets));
}

export function parseTlv(data: Buffer): Tlv {
  return readTlv(data, 0).tlv;
}

export function oid(tlv: Tlv): string {
  return oidFromContent(expectTag(tlv, TAG.OID, 'OBJECT IDENTIFIER').value);
}

export function integer(tlv: Tlv): number {
  const bytes = expectTag(tlv, TAG.INTEGER, 'INTEGER').value;
  if (bytes.length > 6) throw new DerError('integer too large');
  return bytes.reduce((n, b) => n * 256 + b, 0);
}
