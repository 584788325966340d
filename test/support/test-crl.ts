// Test-only CRL builder (RFC 5280 §5.1): a plain DER encoder signed with Node's crypto, so tests
// control every field (issuer, dates, revoked serials) and can make CRLs of any size.
import { KeyObject, sign } from 'node:crypto';
import type { TestIdentity } from './pki.js';

export interface TestCrlOptions {
  issuer: TestIdentity;
  /** Lower-case hex serials. */
  revokedSerials: string[];
  thisUpdate?: Date;
  nextUpdate?: Date;
}

export interface TestCrl {
  der: Buffer;
  pem: string;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : lengthBytes(n);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));

function integer(hex: string): Buffer {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function time(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'latin1'));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const part of rest) {
    const chunk: number[] = [];
    for (let v = part; ; v = Math.floor(v / 128)) {
      chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export function buildTestCrl(options: TestCrlOptions): TestCrl {
  const key = KeyObject.from(options.issuer.keys.privateKey);
  const algorithm = key.asymmetricKeyType === 'ec' ? seq(oid('1.2.840.10045.4.3.2')) : seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
  const now = Date.now();
  const entries = options.revokedSerials.map((serial) => seq(integer(serial), time(new Date(now - 60_000))));
  const tbs = seq(
    integer('01'),
    algorithm,
    Buffer.from(options.issuer.certificate.subjectName.toArrayBuffer()),
    time(options.thisUpdate ?? new Date(now - 3_600_000)),
    time(options.nextUpdate ?? new Date(now + 86_400_000)),
    ...(entries.length > 0 ? [seq(...entries)] : []),
  );
  const signature = sign('sha256', tbs, key);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = `-----BEGIN X509 CRL-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END X509 CRL-----\n`;
  return { der, pem };
}
