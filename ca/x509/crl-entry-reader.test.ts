// readCrlEntries: the entries iamra's encoder writes come back as the rows they were built from.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RevokedEntry } from '../store/cert-store.js';
import { wrapSigned } from './certificate.js';
import { encodeTbsCrl } from './crl.js';
import { readCrlEntries } from './crl-entry-reader.js';
import { oid, sequence } from '../../x509/der-writer.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const algorithm = sequence(oid(ECDSA_WITH_SHA256));

function crl(entries: RevokedEntry[]): Buffer {
  const tbs = encodeTbsCrl({
    signatureAlgorithm: algorithm, issuerDer: sequence(), authorityKeyId: Buffer.alloc(20, 1),
    thisUpdate: new Date('2026-03-01T10:00:00Z'), nextUpdate: new Date('2026-03-08T10:00:00Z'), crlNumber: 9n, entries,
  });
  return wrapSigned(tbs, algorithm, sign('sha256', tbs, privateKey));
}

describe('readCrlEntries', () => {
  it('reads serials (high bit, leading zero nibble), dates (UTCTime and GeneralizedTime) and every reason', () => {
    const entries: RevokedEntry[] = [
      { serialHex: '80ff', revokedAt: new Date('2026-02-01T00:00:01Z'), reason: 'unspecified' },
      { serialHex: '0a01', revokedAt: new Date('2051-02-01T00:00:00Z'), reason: 'keyCompromise' },
      { serialHex: '7f', revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 'aACompromise' },
      { serialHex: '01', revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 'privilegeWithdrawn' },
    ];
    expect(readCrlEntries(crl(entries))).toEqual(entries);
  });

  it('reads an empty CRL', () => {
    expect(readCrlEntries(crl([]))).toEqual([]);
  });
});
