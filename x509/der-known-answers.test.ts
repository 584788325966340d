// Known-answer vectors (DER hex) for the one DER reader and writer (X.690 §8.1, §8.7, §10.1): long
// and zero lengths, high tags, the BER forms PKCS#12 files use, and malformed input refused with a
// DerError at the right offset; every header is cross-checked with `openssl asn1parse`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  berChildren,
  berOctets,
  children,
  content,
  DerError,
  readBerNode,
  readNode,
  readRoot,
  type DerNode,
} from './der-reader.js';
import { bigInteger, octetString, oid, sequence, smallInteger } from './der-writer.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s/g, ''), 'hex');

interface Asn1Line {
  offset: number;
  depth: number;
  headerLength: number;
  /** 'inf' for an indefinite length. */
  length: number | 'inf';
  type: string;
}

/** `openssl asn1parse` of DER or BER, one entry per element, end-of-contents included. */
function asn1parse(der: Buffer): Asn1Line[] {
  const result = spawnSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').map((line) => {
    const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+) l=\s*(\d+|inf)\s+(?:prim|cons):\s+(\S+(?: \S+)?)/.exec(line);
    if (!m) throw new Error(`unexpected asn1parse line ${line}`);
    return { offset: Number(m[1]), depth: Number(m[2]), headerLength: Number(m[3]), length: m[4] === 'inf' ? 'inf' : Number(m[4]), type: m[5]!.trim() };
  });
}

const header = (node: DerNode) => ({ headerLength: node.contentStart - node.start, length: node.contentEnd - node.contentStart });

function derErrorOf(read: () => unknown): DerError {
  try {
    read();
  } catch (error) {
    if (error instanceof DerError) return error;
    throw error;
  }
  throw new Error('no DerError');
}

describe('DER writer and reader: lengths', () => {
  it.each([
    [0, '0400'],
    [1, '0401'],
    [127, '047f'],
    [128, '048180'],
    [255, '0481ff'],
    [256, '04820100'],
    [65_535, '0482ffff'],
    [65_536, '0483010000'],
    [16_777_216, '048401000000'],
  ])('a %i-byte OCTET STRING has the header %s, as OpenSSL reads it', (length, expectedHeader) => {
    const der = octetString(Buffer.alloc(length, 0xab));
    expect(der.subarray(0, expectedHeader.length / 2).toString('hex')).toBe(expectedHeader);
    const node = readRoot(der);
    expect(header(node)).toEqual({ headerLength: expectedHeader.length / 2, length });
    expect(content(node).equals(Buffer.alloc(length, 0xab))).toBe(true);
    if (length <= 65_536) expect(asn1parse(der)[0]).toMatchObject({ offset: 0, headerLength: expectedHeader.length / 2, length, type: 'OCTET STRING' });
  });

  it('reads zero-length values: an empty SEQUENCE has no children, NULL has no content', () => {
    expect(children(readRoot(bytes('3000')))).toEqual([]);
    expect(header(readRoot(bytes('0500')))).toEqual({ headerLength: 2, length: 0 });
    expect(asn1parse(bytes('3000'))[0]).toMatchObject({ length: 0, type: 'SEQUENCE' });
  });

  it('writes nested structures whose every header OpenSSL reads at the same offsets', () => {
    const der = sequence(smallInteger(0x7fffffff), bigInteger(2n ** 64n), oid('2.25.329800735698586629295641978511506172918'), octetString(Buffer.alloc(300)));
    const openssl = asn1parse(der);
    const ours = [readRoot(der), ...children(readRoot(der))];
    expect(ours.map((n) => ({ offset: n.start, ...header(n) }))).toEqual(openssl.map((l) => ({ offset: l.offset, headerLength: l.headerLength, length: l.length })));
    expect(der.subarray(ours[1]!.start, ours[1]!.end).toString('hex')).toBe('02047fffffff');
    expect(der.subarray(ours[2]!.start, ours[2]!.end).toString('hex')).toBe('0209010000000000000000');
  });
});

describe('DER reader: refusals carry the offset where reading stopped', () => {
  it.each([
    ['a high tag number', '1f8101 00', 'high tag numbers are not supported', 0],
    ['a high tag inside a SEQUENCE', '3003 1f8101', 'high tag numbers are not supported', 2],
    ['an indefinite length', '3080 0000', 'indefinite or oversized length', 1],
    ['a five-octet length', '04850000000001 00', 'indefinite or oversized length', 1],
    ['a non-minimal one-octet long form', '04817f', 'non-minimal length', 1],
    ['a non-minimal two-octet long form', `048200c8${'00'.repeat(200)}`, 'non-minimal length', 1],
    ['a truncated header', '30', 'truncated', 0],
    ['truncated length octets', '048201', 'truncated', 1],
    ['content past the end', '0405 0102', 'truncated', 0],
    ['a child past its parent', '3003 020201', 'truncated', 2],
    ['trailing data', '3000 00', 'trailing data', 2],
  ])('refuses %s', (_name, hex, reason, offset) => {
    const error = derErrorOf(() => {
      const root = readRoot(bytes(hex));
      if ((root.tag & 0x20) !== 0) children(root);
    });
    expect({ reason: error.message, offset: error.offset }).toEqual({ reason, offset });
  });
});

describe('BER reader (PKCS#12): indefinite lengths and constructed strings', () => {
  // SEQUENCE (indefinite) { INTEGER 1, SEQUENCE (indefinite) { OCTET STRING 0aff } }, as asn1parse shows it.
  const nested = bytes('3080 020101 3080 04020aff 0000 0000');
  // OCTET STRING (constructed, indefinite) { OCTET STRING aabb, OCTET STRING cc }
  const segmented = bytes('2480 0402aabb 0401cc 0000');

  it('walks nested indefinite lengths where OpenSSL does', () => {
    const root = readBerNode(nested);
    expect({ contentStart: root.contentStart, contentEnd: root.contentEnd, end: root.end }).toEqual({ contentStart: 2, contentEnd: 13, end: 15 });
    const [integer, inner] = berChildren(root);
    const [octets] = berChildren(inner!);
    const openssl = asn1parse(nested).filter((l) => l.type !== 'EOC');
    expect([root, integer!, inner!, octets!].map((n) => n.start)).toEqual(openssl.map((l) => l.offset));
    expect(openssl.map((l) => l.length)).toEqual(['inf', 1, 'inf', 2]);
    expect(content(octets!).toString('hex')).toBe('0aff');
  });

  it('joins the segments of a constructed OCTET STRING', () => {
    expect(berOctets(readBerNode(segmented)).toString('hex')).toBe('aabbcc');
    expect(berOctets(readBerNode(bytes('0403aabbcc'))).toString('hex')).toBe('aabbcc');
    expect(asn1parse(segmented).map((l) => l.type)).toEqual(['OCTET STRING', 'OCTET STRING', 'OCTET STRING', 'EOC']);
  });

  it('takes the non-minimal lengths BER allows, which DER refuses', () => {
    const loose = bytes('04820002 aabb');
    expect(content(readBerNode(loose)).toString('hex')).toBe('aabb');
    expect(() => readNode(loose)).toThrow(DerError);
  });

  it.each([
    ['an indefinite length on a primitive', '0480 aa 0000', 'indefinite length on a primitive value', 1],
    ['an unterminated indefinite length', '3080 020101', 'unterminated indefinite length', 0],
    ['a truncated child in an indefinite length', '3080 0203 01', 'truncated', 2],
    ['a high tag', '3f8101 00', 'high tag numbers are not supported', 0],
  ])('refuses %s', (_name, hex, reason, offset) => {
    const error = derErrorOf(() => readBerNode(bytes(hex)));
    expect({ reason: error.message, offset: error.offset }).toEqual({ reason, offset });
  });

  it('refuses BER forms on the DER path', () => {
    expect(() => readRoot(nested)).toThrow(DerError);
    expect(() => readRoot(segmented)).toThrow(DerError);
  });
});
