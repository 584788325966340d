// The algorithm table against OpenSSL: every OID encodes to the name `openssl asn1parse` prints,
// every digest has the length Node gives, and each signature row's digest verifies a certificate
// OpenSSL signed with that algorithm. OpenSSL 3.0 has no ML-DSA: those rows are checked against the
// SPKI Python's cryptography writes (issue 14).
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_ALGORITHMS,
  digestAlgorithmByOid,
  findSignatureAlgorithm,
  isStrongSignatureAlgorithm,
  mlDsaSignatureAlgorithm,
  SIGNATURE_ALGORITHMS,
  signatureAlgorithmByOid,
  verificationDigest,
} from './algorithms.js';
import { children, encoded, readBitString, readRoot } from './der-reader.js';
import { oid } from './der-writer.js';
import { parseCertificateFields } from './certificate-fields.js';
import { expectPythonOk } from '../test/support/ml-dsa-python.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-algorithms-'));
  const keys: Array<[string, string[]]> = [
    ['rsa.pem', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']],
    ['ec.pem', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['ed25519.pem', ['genpkey', '-algorithm', 'ED25519']],
  ];
  for (const [file, args] of keys) expect(spawnSync('openssl', [...args, '-out', file], { cwd: dir }).status).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslName(dotted: string): string {
  const result = spawnSync('openssl', ['asn1parse', '-inform', 'DER'], { input: oid(dotted), encoding: 'utf8' });
  expect(result.status).toBe(0);
  return /OBJECT\s+:(\S+)/.exec(result.stdout)![1]!;
}

/** A self-signed certificate from OpenSSL with the given key and signing options. */
function opensslCertificate(key: string, options: string[]): Buffer {
  const args = ['req', '-x509', '-new', '-key', key, '-subj', '/CN=algorithm', '-days', '1', '-outform', 'DER', '-out', 'c.der', ...options];
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(join(dir, 'c.der'));
}

const KEY_FILE = { rsa: 'rsa.pem', 'rsa-pss': 'rsa.pem', ec: 'ec.pem', ed25519: 'ed25519.pem' } as const;
const isMlDsaRow = (row: (typeof SIGNATURE_ALGORITHMS)[number]): boolean => row.keyType.startsWith('ml-dsa-');
const OPENSSL_ROWS = SIGNATURE_ALGORITHMS.filter((row) => !isMlDsaRow(row)) as ReadonlyArray<(typeof SIGNATURE_ALGORITHMS)[number] & { keyType: keyof typeof KEY_FILE }>;

function signingOptions(row: (typeof SIGNATURE_ALGORITHMS)[number]): string[] {
  if (row.keyType === 'ed25519') return [];
  if (row.keyType === 'rsa-pss') return ['-sha256', '-sigopt', 'rsa_padding_mode:pss'];
  return [`-${row.digest}`];
}

describe('signature algorithms', () => {
  it.each(OPENSSL_ROWS.map((row) => [row.oid, row]))('%s is named as OpenSSL names it, and found by OID', (dotted, row) => {
    expect(opensslName(dotted)).toBe(row.name);
    expect(signatureAlgorithmByOid(dotted)).toBe(row);
  });

  it.each(OPENSSL_ROWS.map((row) => [row.name, row]))('%s: OpenSSL signs with this OID and the digest verifies', (_name, row) => {
    const der = opensslCertificate(KEY_FILE[row.keyType], signingOptions(row));
    expect(parseCertificateFields(der).signatureAlgorithmOid).toBe(row.oid);
    const [tbs, , signatureValue] = children(readRoot(der));
    const publicKey = createPublicKey(readFileSync(join(dir, KEY_FILE[row.keyType])));
    const digest = verificationDigest(row.oid);
    if (row.digest === 'in-parameters') {
      expect(digest).toBeUndefined();
      return;
    }
    expect(digest).toBe(row.digest === 'none' ? null : row.digest);
    expect(verify(digest!, encoded(tbs!), publicKey, readBitString(signatureValue!).bytes)).toBe(true);
  });

  it.each(['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'] as const)('%s: the OID is the one Python\'s cryptography writes in an ML-DSA SPKI; pure, strong, no parameters', (keyType) => {
    const prefix = join(dir, keyType);
    expectPythonOk(['keygen', keyType.toUpperCase(), prefix]);
    const [algorithm] = children(readRoot(readFileSync(`${prefix}.spki.der`)));
    const row = mlDsaSignatureAlgorithm(keyType);
    expect(encoded(algorithm!).equals(Buffer.concat([Buffer.from([0x30, oid(row.oid).length]), oid(row.oid)]))).toBe(true);
    expect(signatureAlgorithmByOid(row.oid)).toBe(row);
    expect(row).toMatchObject({ name: keyType.toUpperCase(), digest: 'none', isStrong: true, parameters: 'absent' });
    expect(verificationDigest(row.oid)).toBeNull();
  });

  it('counts SHA-256 and stronger as strong, SHA-1 and unknown OIDs as not', () => {
    expect(SIGNATURE_ALGORITHMS.filter((row) => !row.isStrong).map((row) => row.name)).toEqual(['sha1WithRSAEncryption', 'ecdsa-with-SHA1']);
    expect(isStrongSignatureAlgorithm('1.2.840.113549.1.1.4')).toBe(false); // md5WithRSAEncryption
    expect(verificationDigest('1.2.840.113549.1.1.4')).toBeUndefined();
  });

  it('finds the algorithm for a key type and digest', () => {
    expect(findSignatureAlgorithm('ec', 'sha384')?.name).toBe('ecdsa-with-SHA384');
    expect(findSignatureAlgorithm('rsa', 'sha256')?.oid).toBe('1.2.840.113549.1.1.11');
    expect(findSignatureAlgorithm('ec', 'sha224')).toBeUndefined();
  });
});

describe('digest algorithms', () => {
  it.each(DIGEST_ALGORITHMS.map((row) => [row.oid, row]))('%s is named as OpenSSL names it, with the length Node gives', (dotted, row) => {
    expect(opensslName(dotted)).toBe(row.name);
    expect(createHash(row.name).digest().length).toBe(row.bytes);
    expect(digestAlgorithmByOid(dotted)).toBe(row);
  });
});
