// Minimal DER (X.690) reader: walks tag-length-value nodes of untrusted input without copying.
import { InputError } from '../../errors.js';

export interface DerNode {
  tag: number;
  /** Offset of the tag byte in `source`. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the node. */
  end: number;
  source: Buffer;
}

export class DerError extends Error {}

/** Reads the node starting at `offset`; throws DerError if it is not well-formed DER. */
export function readNode(source: Buffer, offset = 0, limit = source.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let length = source[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('indefinite or oversized length');
    if (contentStart + count > limit) throw new DerError('truncated');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + source[contentStart + i]!;
    if (length < 0x80 || (count > 1 && source[contentStart] === 0)) throw new DerError('non-minimal length');
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start: offset, contentStart, end, source };
}

/** Parses a whole buffer as one node, refusing trailing bytes. */
export function readRoot(source: Buffer): DerNode {
  const node = readNode(source, 0);
  if (node.end !== source.length) throw new DerError('trailing data');
  return node;
}

export function children(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError('not a constructed value');
  const result: DerNode[] = [];
  for (let offset = node.contentStart; offset < node.end;) {
    const child = readNode(node.source, offset, node.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

export function content(node: DerNode): Buffer {
  return node.source.subarray(node.contentStart, node.end);
}

/** The complete encoding (tag, length and content). */
export function encoded(node: DerNode): Buffer {
  return node.source.subarray(node.start, node.end);
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export function decodeOid(node: DerNode): string {
  const bytes = content(expectTag(node, 0x06, 'an OBJECT IDENTIFIER'));
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  const first = arcs[0]! < 80n ? arcs[0]! / 40n : 2n;
  return [first, arcs[0]! - first * 40n, ...arcs.slice(1)].join('.');
}

/** Wraps a DerError (or anything else thrown while parsing) as an InputError. */
export function asInputError(error: unknown, code: string, message: (why: string) => string): InputError {
  if (error instanceof InputError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new InputError(code, message(why), { cause: error });
}
