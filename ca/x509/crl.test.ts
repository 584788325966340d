// CRLs from iamra's encoder (RFC 5280 §5.1) read back by x509/crl's parseCrl, cross-checked with openssl crl -text.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wrapSigned } from './certificate.js';
import { encodeTbsCrl } from './crl.js';
import type { CrlEntry } from '../../x509/crl-entry.js';
import { parseCrl, readCrlEntries } from '../../x509/crl.js';
import { nullValue, oid, sequence } from '../../x509/der-writer.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const algorithm = sequence(oid(ECDSA_WITH_SHA256));
const issuer = sequence(); // an empty Name keeps the test about the CRL itself

function crl(entries: number | CrlEntry[], crlNumber: bigint): Buffer {
  const tbs = encodeTbsCrl({
    signatureAlgorithm: algorithm, issuerDer: issuer, authorityKeyId: Buffer.alloc(20, 1),
    thisUpdate: new Date('2026-03-01T10:00:00Z'), nextUpdate: new Date('2060-03-08T10:00:00Z'), crlNumber,
    entries: typeof entries !== 'number' ? entries : Array.from({ length: entries }, (_, i) => ({ serialHex: (0x1000 + i).toString(16), revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 'keyCompromise' as const })),
  });
  return wrapSigned(tbs, algorithm, sign('sha256', tbs, privateKey));
}

describe('parseCrl', () => {
  it('reads what OpenSSL reads: dates, CRL number, entry count', () => {
    const der = crl(3, 0x1234567890n);
    const parsed = parseCrl(der);
    expect(parsed).toMatchObject({ thisUpdate: new Date('2026-03-01T10:00:00Z'), nextUpdate: new Date('2060-03-08T10:00:00Z'), crlNumber: 0x1234567890n, entryCount: 3, signatureAlgorithmOid: ECDSA_WITH_SHA256 });
    const text = spawnSync('openssl', ['crl', '-inform', 'DER', '-noout', '-text'], { input: der, encoding: 'utf8' }).stdout;
    expect(text).toContain('X509v3 CRL Number: \n                78187493520');
    expect(text.match(/Serial Number:/g)).toHaveLength(3);
    expect(text).toContain('Next Update: Mar  8 10:00:00 2060 GMT');
  });

  it('reads the authority key identifier OpenSSL reads (#9: crl generate --out checks it)', () => {
    const der = crl(0, 1n);
    expect(parseCrl(der).authorityKeyId).toEqual(Buffer.alloc(20, 1));
    const text = spawnSync('openssl', ['crl', '-inform', 'DER', '-noout', '-text'], { input: der, encoding: 'utf8' }).stdout;
    expect(text).toMatch(new RegExp(`X509v3 Authority Key Identifier: *\\n\\s*(keyid:)?${Array(20).fill('01').join(':')}`));
  });

  it('gives the signed bytes and the signature that verify', async () => {
    const { verify, createPublicKey } = await import('node:crypto');
    const parsed = parseCrl(crl(0, 1n));
    expect(parsed.entryCount).toBe(0);
    expect(verify('sha256', parsed.tbsDer, createPublicKey(privateKey), parsed.signature)).toBe(true);
    expect(parsed.issuerDer).toEqual(issuer);
  });

  it('refuses what is not a CRL', () => {
    expect(() => parseCrl(Buffer.from('300d', 'hex'))).toThrow(/truncated/);
    expect(() => parseCrl(sequence(nullValue()))).toThrow(/not a CertificateList/);
    expect(() => parseCrl(Buffer.concat([crl(1, 1n), Buffer.from([0])]))).toThrow(/trailing data/);
  });
});

describe('readCrlEntries on the encoder\'s output', () => {
  it('gives back the entries written: serials (high bit, leading zero nibble), UTCTime and GeneralizedTime, every reason', () => {
    const entries: CrlEntry[] = [
      { serialHex: '80ff', revokedAt: new Date('2026-02-01T00:00:01Z'), reason: 'unspecified' },
      { serialHex: '0a01', revokedAt: new Date('2051-02-01T00:00:00Z'), reason: 'keyCompromise' },
      { serialHex: '7f', revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 'aACompromise' },
      { serialHex: '01', revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 'privilegeWithdrawn' },
    ];
    expect(readCrlEntries(crl(entries, 9n))).toEqual(entries);
    expect(readCrlEntries(crl([], 9n))).toEqual([]);
  });
});
