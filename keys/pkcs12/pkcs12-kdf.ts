// The PKCS#12 key derivation function (RFC 7292 Appendix B.2) and its BMPString password encoding.
import { createHash } from 'node:crypto';

export type Pkcs12Purpose = 'key' | 'iv' | 'mac';
const PURPOSE_ID: Record<Pkcs12Purpose, number> = { key: 1, iv: 2, mac: 3 };

/** Block size `v` in bytes of each hash the KDF is used with. */
const BLOCK_BYTES: Record<string, number> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };

/**
 * The password as RFC 7292 B.1 wants it: UTF-16BE with a two-byte terminator. An empty password
 * has two encodings in the wild (terminator only, or no bytes), so callers try both.
 */
export function bmpPassword(password: string, emptyAsNoBytes = false): Buffer {
  if (password === '' && emptyAsNoBytes) return Buffer.alloc(0);
  const le = Buffer.from(password + '\0', 'utf16le');
  return Buffer.from(le.swap16());
}

export interface Pkcs12KdfInput {
  hash: string;
  password: Buffer;
  salt: Buffer;
  iterations: number;
  purpose: Pkcs12Purpose;
  lengthBytes: number;
}

export function pkcs12Kdf(input: Pkcs12KdfInput): Buffer {
  const v = BLOCK_BYTES[input.hash];
  if (v === undefined) throw new Error(`pkcs12Kdf: unsupported hash ${input.hash}`);
  const D = Buffer.alloc(v, PURPOSE_ID[input.purpose]);
  const I = Buffer.concat([repeatTo(input.salt, v), repeatTo(input.password, v)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < input.lengthBytes) {
    let A = createHash(input.hash).update(D).update(I).digest();
    for (let r = 1; r < input.iterations; r++) A = createHash(input.hash).update(A).digest();
    out.push(A);
    produced += A.length;
    if (produced >= input.lengthBytes) break;
    const B = repeatTo(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) addBlock(I, j, v, B);
  }
  return Buffer.concat(out).subarray(0, input.lengthBytes);
}

/** The text repeated to fill a multiple of `v` bytes (empty stays empty). */
function repeatTo(data: Buffer, v: number): Buffer {
  if (data.length === 0) return Buffer.alloc(0);
  const length = v * Math.ceil(data.length / v);
  const out = Buffer.alloc(length);
  // Non-null: data is not empty (checked above), so i % data.length is an index into it.
  for (let i = 0; i < length; i++) out[i] = data[i % data.length]!;
  return out;
}

/** I[j..j+v) = (I[j..j+v) + B + 1) mod 2^(8v) */
function addBlock(I: Buffer, offset: number, v: number, B: Buffer): void {
  let carry = 1;
  for (let k = v - 1; k >= 0; k--) {
    // Non-null: B has v bytes and I has a whole block at offset, and 0 <= k < v.
    const sum = I[offset + k]! + B[k]! + carry;
    I[offset + k] = sum & 0xff;
    carry = sum >> 8;
  }
}
