// DER-hex vectors for every extension the CA writes (RFC 5280 §4.2, §5.2, §5.3), checked against OpenSSL.
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequence } from '../../x509/der-writer.js';
import { encodeCrlEntries } from './crl-entries.js';
import { authorityKeyIdentifier, basicConstraints, crlNumber, crlReason, extendedKeyUsage, keyIdentifier, keyUsage, subjectAltName, subjectKeyIdentifier } from './extensions.js';
import { KEY_USAGE } from '../../x509/key-usage.js';
import { OID } from './oids.js';
import { serialDer } from './serial-number.js';
import { encodeTime } from './time.js';

const hex = (b: Buffer): string => b.toString('hex');
const KEY_ID = Buffer.alloc(20, 0x11);

describe('extension vectors', () => {
  it.each([
    ['basicConstraints CA:FALSE critical', basicConstraints(false), '300c0603551d130101ff04023000'],
    ['basicConstraints CA:TRUE critical', basicConstraints(true), '300f0603551d130101ff040530030101ff'],
    ['basicConstraints CA:TRUE pathlen 0', basicConstraints(true, 0), '30120603551d130101ff040830060101ff020100'],
    ['keyUsage digitalSignature critical', keyUsage(KEY_USAGE.digitalSignature), '300e0603551d0f0101ff040403020780'],
    ['keyUsage keyCertSign+cRLSign critical', keyUsage(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign), '300e0603551d0f0101ff040403020106'],
    ['extKeyUsage clientAuth', extendedKeyUsage([OID.clientAuth]), '30130603551d25040c300a06082b06010505070302'],
    ['subjectKeyIdentifier', subjectKeyIdentifier(KEY_ID), `301d0603551d0e04160414${'11'.repeat(20)}`],
    ['authorityKeyIdentifier keyid', authorityKeyIdentifier(KEY_ID), `301f0603551d23041830168014${'11'.repeat(20)}`],
    ['subjectAltName dns:a', subjectAltName([{ type: 'dns', value: 'a' }]), '300c0603551d1104053003820161'],
    ['cRLNumber 1', crlNumber(1n), '300a0603551d140403020101'],
    ['cRLNumber 128', crlNumber(128n), '300b0603551d14040402020080'],
    ['reasonCode keyCompromise', crlReason('keyCompromise'), '300a0603551d1504030a0101'],
  ])('%s', (_name, actual, expected) => {
    expect(hex(actual)).toBe(expected);
  });

  it('the fast CRL entry writer matches the generic encoder', () => {
    const entries = [
      { serialHex: '7f'.repeat(16), revokedAt: new Date('2026-01-02T03:04:05Z'), reason: 'keyCompromise' as const },
      { serialHex: '01', revokedAt: new Date('2049-12-31T23:59:59Z'), reason: 'unspecified' as const },
      { serialHex: 'ff00', revokedAt: new Date('2050-01-01T00:00:00Z'), reason: 'aACompromise' as const },
      { serialHex: '0102030405060708090a0b0c0d0e0f101112', revokedAt: new Date('1999-07-08T09:10:11.999Z'), reason: 'superseded' as const },
    ];
    const generic = entries.map((e) => (e.reason === 'unspecified' ? sequence(serialDer(e.serialHex), encodeTime(e.revokedAt)) : sequence(serialDer(e.serialHex), encodeTime(e.revokedAt), sequence(crlReason(e.reason)))));
    expect(hex(encodeCrlEntries(entries))).toBe(hex(Buffer.concat(generic)));
  });
});

describe('key identifiers', () => {
  it('match OpenSSL subjectKeyIdentifier=hash (RFC 5280 §4.2.1.2 method 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-ski-'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(join(dir, 'k.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const result = spawnSync('openssl', ['req', '-x509', '-new', '-key', 'k.pem', '-subj', '/CN=ski', '-days', '1', '-addext', 'subjectKeyIdentifier=hash', '-out', 'c.pem'], { cwd: dir });
    expect(result.status).toBe(0);
    const cert = new X509Certificate(readFileSync(join(dir, 'c.pem')));
    const text = spawnSync('openssl', ['x509', '-in', 'c.pem', '-noout', '-ext', 'subjectKeyIdentifier'], { cwd: dir, encoding: 'utf8' }).stdout;
    const opensslSki = /\n\s+([0-9A-F:]+)/.exec(text)![1]!.replace(/:/g, '').toLowerCase();
    expect(keyIdentifier(createPublicKey(privateKey)).toString('hex')).toBe(opensslSki);
    expect(keyIdentifier(cert.publicKey).toString('hex')).toBe(opensslSki);
  });
});
