// CRL signature checks against the issuing certificate, on CRLs read by x509/crl: real OpenSSL
// output and the 300,000-byte quota (about 10k entries).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCrl as openssl } from '../test/support/openssl-crl.js';
import { createTestRoot, type TestIdentity } from '../test/support/pki.js';
import { buildTestCrl } from '../test/support/test-crl.js';
import { crlDer, parseCrl } from './crl.js';
import { parseCertificate } from './parsed-certificate.js';
import { isCrlSignedBy } from './verify-crl-signature.js';

let dir: string;
let root: TestIdentity;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-crl-'));
  root = await createTestRoot({ keyType: 'rsa-2048', subject: 'CN=crl root,O=iamra' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslCrl(): { pem: string; caPem: string } {
  return openssl({
    dir, curve: 'P-384', digest: 'sha384', subject: '/O=OpenSSL CA/CN=crl test',
    index: ['R\t300101000000Z\t240101000000Z\t0A1B\tunknown\t/CN=a', 'R\t300101000000Z\t240102000000Z\t00FF\tunknown\t/CN=b', 'V\t300101000000Z\t\t0C\tunknown\t/CN=c'],
  });
}

describe('parseCrl', () => {
  it('reads a CRL made by `openssl ca -gencrl`: revoked serials, dates, signature', () => {
    const { pem, caPem } = opensslCrl();
    const crl = parseCrl(Buffer.from(pem));
    expect([...crl.revokedSerials].sort()).toEqual(['a1b', 'ff']);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(7 * 86_400_000);
    const ca = parseCertificate(Buffer.from(caPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    expect(isCrlSignedBy(crl, ca)).toBe(true);
    const tampered = { ...crl, tbsDer: Buffer.from(crl.tbsDer) };
    tampered.tbsDer[tampered.tbsDer.length - 1]! ^= 1;
    expect(isCrlSignedBy(tampered, ca)).toBe(false);
  });

  it('reads a CRL at the 300,000-byte quota (10,000 entries) that OpenSSL verifies', () => {
    const serials = Array.from({ length: 10_000 }, (_, i) => (0x1000000000000000n + BigInt(i) * 7919n).toString(16));
    const crl = buildTestCrl({ issuer: root, revokedSerials: serials });
    expect(crl.der.length).toBeLessThanOrEqual(300_000);
    writeFileSync(join(dir, 'big.crl'), crl.pem);
    writeFileSync(join(dir, 'root.pem'), root.certPem);
    const verified = execFileSync('openssl', ['crl', '-in', 'big.crl', '-CAfile', 'root.pem', '-noout'], { cwd: dir, stdio: 'pipe' });
    expect(verified.toString()).toBe('');
    const parsed = parseCrl(crl.der);
    expect(parsed.revokedSerials.size).toBe(10_000);
    expect(parsed.revokedSerials.has(serials[9_999]!)).toBe(true);
    expect(isCrlSignedBy(parsed, parseCertificate(Buffer.from(root.certificate.rawData)))).toBe(true);
  });

  it('takes DER as is and refuses what is neither PEM nor DER', () => {
    const crl = buildTestCrl({ issuer: root, revokedSerials: ['01'] });
    expect(crlDer(crl.der).equals(crl.der)).toBe(true);
    expect(crlDer(Buffer.from(crl.pem)).equals(crl.der)).toBe(true);
    expect(() => parseCrl(Buffer.from('not a crl'))).toThrow();
    expect(() => parseCrl(crl.der.subarray(0, crl.der.length - 1))).toThrow();
  });
});
