// parseCertificateFields (RFC 5280 §4.1) against an OpenSSL-made certificate, checked field by field
// with OpenSSL's and Node's own readings; and refusal of what is not DER.
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificateFields } from './certificate-fields.js';
import { KEY_USAGE } from './key-usage.js';
import { children, DerError, encoded, readRoot } from './der-reader.js';
import { sequence } from './der-writer.js';
import { EXTENSION_OID } from './oids.js';

let dir: string;
let der: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-x509-fields-'));
  const args = [
    'req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', 'k.pem',
    '-subj', '/C=US/O=Example/OU=A+OU=B/CN=fields', '-multivalue-rdn', '-days', '30', '-set_serial', '0x0a1b', '-outform', 'DER', '-out', 'c.der',
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:1',
    '-addext', 'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
    '-addext', 'subjectAltName=DNS:a.example.com,URI:spiffe://example.com/a,email:ops@example.com,IP:192.0.2.1,dirName:dir_sect',
  ];
  const config = '[req]\ndistinguished_name=dn\n[dn]\n[dir_sect]\nCN=dir\nO=Example\n';
  writeFileSync(join(dir, 'req.cnf'), config);
  const result = spawnSync('openssl', [...args, '-config', 'req.cnf'], { cwd: dir });
  expect(result.status, result.stderr.toString()).toBe(0);
  der = readFileSync(join(dir, 'c.der'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCertificateFields', () => {
  it('reads version, serial, algorithm, names, validity and key as OpenSSL and Node do', () => {
    const fields = parseCertificateFields(der);
    const node = new X509Certificate(der);
    expect(fields.version).toBe(3);
    expect(fields.serialHex).toBe('a1b');
    expect(fields.isSerialNegative).toBe(false);
    expect(fields.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
    expect(fields.subject.map((a) => `${a.shortName}=${a.value}`)).toEqual(['C=US', 'O=Example', 'OU=A', 'OU=B', 'CN=fields']);
    expect(fields.issuerDer.equals(fields.subjectDer)).toBe(true);
    expect(fields.notBefore.getTime()).toBe(Date.parse(node.validFrom));
    expect(fields.notAfter.getTime()).toBe(Date.parse(node.validTo));
    expect(fields.subjectPublicKeyInfo.equals(node.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
  });

  it('reads basicConstraints, keyUsage, the key identifier and every SAN type', () => {
    const fields = parseCertificateFields(der);
    expect(fields.basicConstraints).toEqual({ isCa: true, pathLength: 1 });
    expect(fields.keyUsage).toBe(KEY_USAGE.digitalSignature | KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign);
    const ski = spawnSync('openssl', ['x509', '-inform', 'DER', '-in', 'c.der', '-noout', '-ext', 'subjectKeyIdentifier'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(ski.replace(/:/g, '').toLowerCase()).toContain(fields.subjectKeyId!.toString('hex'));
    expect(fields.subjectAltNames).toEqual([
      { type: 'dns', value: 'a.example.com' },
      { type: 'uri', value: 'spiffe://example.com/a' },
      { type: 'email', value: 'ops@example.com' },
      { type: 'ip', value: '192.0.2.1' },
      { type: 'directoryName', attributes: [{ oid: '2.5.4.3', shortName: 'CN', value: 'dir' }, { oid: '2.5.4.10', shortName: 'O', value: 'Example' }] },
    ]);
    expect([...fields.extensions.keys()]).toEqual(expect.arrayContaining([EXTENSION_OID.basicConstraints, EXTENSION_OID.keyUsage, EXTENSION_OID.subjectAltName, EXTENSION_OID.subjectKeyIdentifier]));
  });

  it.each([
    ['trailing data', () => Buffer.concat([der, Buffer.from([0])])],
    ['truncation', () => der.subarray(0, der.length - 1)],
    ['a bare SEQUENCE', () => Buffer.from('3000', 'hex')],
  ])('refuses %s with a DerError', (_name, input) => {
    expect(() => parseCertificateFields(input())).toThrow(DerError);
  });

  it('refuses an AlgorithmIdentifier without its OID with a DerError naming it', () => {
    const [tbs, , signature] = children(readRoot(der));
    const input = sequence(encoded(tbs!), sequence(), encoded(signature!));
    expect(() => parseCertificateFields(input)).toThrow(new DerError('expected a signature algorithm OID'));
  });
});

describe('parseCertificateFields on a CA certificate valid past 2049', () => {
  it('reads the GeneralizedTime notAfter, the CA flags, the key identifier and a serial with a leading zero octet', () => {
    const caDir = mkdtempSync(join(tmpdir(), 'iamra-x509-ca-'));
    try {
      const args = ['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', 'k.pem', '-subj', '/CN=parse/O=Example', '-days', '15000', '-outform', 'DER', '-out', 'c.der', '-set_serial', '0x00ff01'];
      args.push('-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
      expect(spawnSync('openssl', args, { cwd: caDir }).status).toBe(0);
      const caDer = readFileSync(join(caDir, 'c.der'));
      const fields = parseCertificateFields(caDer);
      const node = new X509Certificate(caDer);
      expect(fields.serialHex).toBe('ff01');
      expect(fields.notBefore.getTime()).toBe(Date.parse(node.validFrom));
      expect(fields.notAfter.getTime()).toBe(Date.parse(node.validTo));
      expect(fields.notAfter.getUTCFullYear()).toBeGreaterThan(2049);
      expect(fields.basicConstraints).toEqual({ isCa: true, pathLength: undefined });
      expect(fields.keyUsage).toBe(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign);
      expect(fields.subjectKeyId?.length).toBe(20);
      expect(fields.subjectDer.equals(fields.issuerDer)).toBe(true);
    } finally {
      rmSync(caDir, { recursive: true, force: true });
    }
  });
});
