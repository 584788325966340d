// The CRL reader (RFC 5280 §5.1) on a CRL made by `openssl ca -gencrl`: dates, CRL number, serials,
// entries with their reason codes, PEM and DER input, and refusals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCrl } from '../test/support/openssl-crl.js';
import { crlDer, parseCrl, readCrlEntries } from './crl.js';
import { DerError } from './der-reader.js';

let dir: string;
let pem: string;
let der: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-x509-crl-'));
  ({ pem } = opensslCrl({
    dir, curve: 'P-256', digest: 'sha256', subject: '/CN=x509 crl test', crlNumberHex: '1F',
    index: ['R\t300101000000Z\t240101000000Z,keyCompromise\t0A1B\tunknown\t/CN=a', 'R\t300101000000Z\t240102000000Z\t00FF\tunknown\t/CN=b', 'V\t300101000000Z\t\t0C\tunknown\t/CN=c'],
  }));
  der = execFileSync('openssl', ['crl', '-in', 'crl.pem', '-outform', 'DER'], { cwd: dir, stdio: 'pipe' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCrl', () => {
  it('reads dates, the CRL number and the revoked serials', () => {
    const crl = parseCrl(der);
    expect(crl.crlNumber).toBe(0x1fn);
    expect(crl.entryCount).toBe(2);
    expect([...crl.revokedSerials].sort()).toEqual(['a1b', 'ff']);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(7 * 86_400_000);
    expect(crl.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
  });

  it('takes PEM (X509 CRL) or DER, and the same CRL either way', () => {
    expect(crlDer(Buffer.from(pem)).equals(der)).toBe(true);
    expect(crlDer(der).equals(der)).toBe(true);
    expect(parseCrl(Buffer.from(pem)).tbsDer.equals(parseCrl(der).tbsDer)).toBe(true);
  });

  it.each([
    ['PEM without a CRL block', () => Buffer.from('-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n')],
    ['truncated DER', () => der.subarray(0, der.length - 1)],
    ['trailing data', () => Buffer.concat([der, Buffer.from([0])])],
  ])('refuses %s with a DerError', (_name, input) => {
    expect(() => parseCrl(input())).toThrow(DerError);
  });
});

describe('readCrlEntries', () => {
  it('reads each entry with its date and reason code, in the order OpenSSL wrote them', () => {
    const text = execFileSync('openssl', ['crl', '-in', 'crl.pem', '-noout', '-text'], { cwd: dir, encoding: 'utf8' });
    const order = [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]!.toLowerCase().replace(/^(00)+(?=.)/, ''));
    const entries = readCrlEntries(der);
    expect(entries.map((e) => e.serialHex)).toEqual(order);
    expect(entries.find((e) => e.serialHex === '0a1b')).toEqual({ serialHex: '0a1b', revokedAt: new Date('2024-01-01T00:00:00Z'), reason: 'keyCompromise' });
    expect(entries.find((e) => e.serialHex === 'ff')).toEqual({ serialHex: 'ff', revokedAt: new Date('2024-01-02T00:00:00Z'), reason: 'unspecified' });
  });
});
