// The one DER reader (X.690 §8.1, §10.1): walks tag-length-value nodes of untrusted input without
// copying, with definite minimal lengths, so large CRLs (200k entries) parse fast; plus the BER
// tolerance PKCS#12 files need (X.690 §8.1.3.6 indefinite lengths, §8.7 constructed strings).
import { InputError } from '../errors.js';

export interface DerNode {
  /** The identifier octet (class, constructed bit and number; single-octet tags only). */
  tag: number;
  /** Offset of the tag byte in `source`. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content: `end`, except before the end-of-contents octets of a BER indefinite length. */
  contentEnd: number;
  /** Offset just past the node. */
  end: number;
  source: Buffer;
}

export const TAG_BOOLEAN = 0x01;
export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_ENUMERATED = 0x0a;
export const TAG_UTC_TIME = 0x17;
export const TAG_GENERALIZED_TIME = 0x18;
export const TAG_SEQUENCE = 0x30;
export const TAG_SET = 0x31;

/** Malformed DER or BER; `offset` is where in the input the reader stopped (when it knows). */
export class DerError extends Error {
  readonly offset: number | undefined;
  constructor(reason: string, offset?: number) {
    super(reason);
    this.name = 'DerError';
    this.offset = offset;
  }
}

/**
 * The InputError a user sees for a reading failure: a DerError's reason (or any other error's
 * message) goes into the caller's message; an InputError passes through unchanged.
 */
export function asInputError(error: unknown, code: string, message: (why: string) => string): InputError {
  if (error instanceof InputError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new InputError(code, message(why), { cause: error });
}

/** A Buffer view of `data` without copying. */
export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Reads the DER node starting at `offset`, which must end at or before `limit`. */
export function readNode(source: Buffer, offset = 0, limit = source.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated', offset);
  // Non-null: offset + 2 <= limit <= source.length was checked above.
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported', offset);
  // Non-null: offset + 2 <= limit <= source.length was checked above.
  let length = source[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('indefinite or oversized length', offset + 1);
    if (contentStart + count > limit) throw new DerError('truncated', offset + 1);
    length = 0;
    // Non-null: contentStart + count <= limit was checked above.
    for (let i = 0; i < count; i++) length = length * 256 + source[contentStart + i]!;
    if (length < 0x80 || (count > 1 && source[contentStart] === 0)) throw new DerError('non-minimal length', offset + 1);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('truncated', offset);
  return { tag, start: offset, contentStart, contentEnd: end, end, source };
}

/** Parses a whole buffer as one DER node, refusing trailing bytes. */
export function readRoot(data: Uint8Array): DerNode {
  const source = asBuffer(data);
  const node = readNode(source, 0);
  if (node.end !== source.length) throw new DerError('trailing data', node.end);
  return node;
}

/** The nodes directly inside a constructed DER node, in order. */
export function children(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError('not a constructed value', node.start);
  const result: DerNode[] = [];
  for (let offset = node.contentStart; offset < node.contentEnd;) {
    const child = readNode(node.source, offset, node.contentEnd);
    result.push(child);
    offset = child.end;
  }
  return result;
}

/**
 * Reads a BER node at `offset` (X.690 §8.1): as readNode, but also indefinite lengths on
 * constructed nodes (content up to the end-of-contents octets 00 00) and non-minimal lengths,
 * which some PKCS#12 writers emit. Trailing bytes after the node are the caller's business.
 */
export function readBerNode(source: Buffer, offset = 0, limit = source.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated', offset);
  // Non-null: offset + 2 <= limit <= source.length was checked above.
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported', offset);
  // Non-null: offset + 2 <= limit <= source.length was checked above.
  const first = source[offset + 1]!;
  let contentStart = offset + 2;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new DerError('indefinite length on a primitive value', offset + 1);
    let position = contentStart;
    while (!(source[position] === 0 && source[position + 1] === 0)) {
      if (position + 2 > limit) throw new DerError('unterminated indefinite length', offset);
      position = readBerNode(source, position, limit).end;
    }
    return { tag, start: offset, contentStart, contentEnd: position, end: position + 2, source };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('oversized length', offset + 1);
    if (contentStart + count > limit) throw new DerError('truncated', offset + 1);
    length = 0;
    // Non-null: contentStart + count <= limit was checked above.
    for (let i = 0; i < count; i++) length = length * 256 + source[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('truncated', offset);
  return { tag, start: offset, contentStart, contentEnd: end, end, source };
}

/** The nodes directly inside a constructed BER node, in order. */
export function berChildren(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError('not a constructed value', node.start);
  const result: DerNode[] = [];
  for (let offset = node.contentStart; offset < node.contentEnd;) {
    const child = readBerNode(node.source, offset, node.contentEnd);
    result.push(child);
    offset = child.end;
  }
  return result;
}

/** The octets of a string node, joining the segments of a constructed BER string (X.690 §8.7.3). */
export function berOctets(node: DerNode): Buffer {
  if ((node.tag & 0x20) === 0) return content(node);
  return Buffer.concat(berChildren(node).map(berOctets));
}

/** The one node inside an EXPLICIT tag (or an OCTET STRING that wraps DER), filling it exactly. */
export function inner(node: DerNode): DerNode {
  const child = readNode(node.source, node.contentStart, node.contentEnd);
  if (child.end !== node.contentEnd) throw new DerError('trailing data', child.end);
  return child;
}

export function content(node: DerNode): Buffer {
  return node.source.subarray(node.contentStart, node.contentEnd);
}

/** The complete encoding (tag, length and content). */
export function encoded(node: DerNode): Buffer {
  return node.source.subarray(node.start, node.end);
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`, node?.start);
  return node;
}

/** Dotted OID text from an OBJECT IDENTIFIER node. */
export function decodeOid(node: DerNode): string {
  const oid = content(expectTag(node, TAG_OID, 'an OBJECT IDENTIFIER'));
  if (oid.length === 0) throw new DerError('empty OBJECT IDENTIFIER', node.start);
  return oidFromContent(oid);
}

/** Dotted OID text from OBJECT IDENTIFIER content octets (X.690 §8.19); arcs past 2^53 (UUID OIDs under 2.25) stay exact. */
function oidFromContent(bytes: Uint8Array): string {
  const arcs: Array<number | bigint> = [];
  let value: number | bigint = 0;
  for (const byte of bytes) {
    // Numbers while exact (2^46 * 128 < 2^53), BigInt beyond: most OIDs never leave the fast path.
    value = typeof value === 'number' && value < 2 ** 46 ? value * 128 + (byte & 0x7f) : (BigInt(value) << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  if (arcs.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  // Non-null: arcs.length === 0 was refused above.
  const head = arcs[0]!;
  const first = typeof head === 'number' ? (head < 80 ? Math.floor(head / 40) : 2) : 2;
  const second = typeof head === 'number' ? head - first * 40 : head - 80n;
  return [first, second, ...arcs.slice(1)].join('.');
}

/** Lower-case hex of an INTEGER's magnitude without leading zeros ('0' for zero). */
export function readIntegerHex(node: DerNode): string {
  const hex = content(expectTag(node, TAG_INTEGER, 'an INTEGER')).toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

/** Whether an INTEGER is negative (two's complement sign bit set). */
export function isNegativeInteger(node: DerNode): boolean {
  // Non-null: contentEnd > contentStart is checked first, so the first content byte exists.
  return node.contentEnd > node.contentStart && (node.source[node.contentStart]! & 0x80) !== 0;
}

export function readSmallInteger(node: DerNode): number {
  return Number.parseInt(readIntegerHex(node), 16);
}

/** A non-negative INTEGER of at most six content octets (PKCS#12 versions, iteration counts, scrypt cost). */
export function readSafeInteger(node: DerNode): number {
  const bytes = content(expectTag(node, TAG_INTEGER, 'INTEGER'));
  if (bytes.length > 6) throw new DerError('integer too large', node.start);
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

/** An INTEGER's value, for CRL numbers and other counters that may exceed 2^53. */
export function readBigInteger(node: DerNode): bigint {
  const bytes = content(expectTag(node, TAG_INTEGER, 'an INTEGER'));
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

/** UTCTime (years 1950-2049) or GeneralizedTime, both in the whole-second 'Z' form RFC 5280 §4.1.2.5 requires. */
export function readTime(node: DerNode): Date {
  const text = content(node).toString('latin1');
  const match =
    node.tag === TAG_UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : node.tag === TAG_GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!match) throw new DerError(`bad time ${text}`, node.start);
  let year = Number(match[1]);
  if (node.tag === TAG_UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}

export function isTime(node: DerNode | undefined): node is DerNode {
  return node?.tag === TAG_UTC_TIME || node?.tag === TAG_GENERALIZED_TIME;
}

/** BIT STRING content without the unused-bits octet, plus that count. */
export function readBitString(node: DerNode): { bytes: Buffer; unusedBits: number } {
  if (node.tag !== TAG_BIT_STRING || node.contentEnd === node.contentStart) throw new DerError('expected a BIT STRING', node.start);
  // Non-null: the check on the line above refused an empty BIT STRING, so the unused-bits byte exists.
  return { bytes: node.source.subarray(node.contentStart + 1, node.contentEnd), unusedBits: node.source[node.contentStart]! };
}
