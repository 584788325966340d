// readCaCertificateFields against OpenSSL-made certificates: UTCTime and GeneralizedTime, CA flags, SKI, SAN.
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaCertificateFields } from './ca-certificate-fields.js';
import { decodeGeneralNames } from './subject-alt-name.js';

function opensslCertificate(days: number, extensions: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-parse-'));
  const args = ['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', 'k.pem', '-subj', '/CN=parse/O=Example', '-days', String(days), '-outform', 'DER', '-out', 'c.der', '-set_serial', '0x00ff01'];
  for (const e of extensions) args.push('-addext', e);
  expect(spawnSync('openssl', args, { cwd: dir }).status).toBe(0);
  return readFileSync(join(dir, 'c.der'));
}

describe('readCaCertificateFields', () => {
  it('reads a CA certificate valid past 2049 (GeneralizedTime notAfter)', () => {
    const der = opensslCertificate(15_000, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']);
    const fields = readCaCertificateFields(der);
    const node = new X509Certificate(der);
    expect(fields.serialHex).toBe('ff01');
    expect(fields.notBefore.getTime()).toBe(Date.parse(node.validFrom));
    expect(fields.notAfter.getTime()).toBe(Date.parse(node.validTo));
    expect(fields.notAfter.getUTCFullYear()).toBeGreaterThan(2049);
    expect(fields.isCa).toBe(true);
    expect(fields.keyUsageByte).toBe(0x06);
    expect(fields.subjectKeyId?.length).toBe(20);
    expect(fields.subjectDer.equals(fields.issuerDer)).toBe(true);
  });

  it('reads an end-entity certificate with SANs (UTCTime)', () => {
    const der = opensslCertificate(30, ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectAltName=DNS:a.example.com,URI:spiffe://example.com/a']);
    const fields = readCaCertificateFields(der);
    expect(fields.isCa).toBe(false);
    expect(fields.keyUsageByte).toBe(0x80);
    expect(decodeGeneralNames(fields.sanDer!).map((s) => `${s.type}:${s.value}`)).toEqual(['dns:a.example.com', 'uri:spiffe://example.com/a']);
    expect(fields.notAfter.getTime()).toBe(Date.parse(new X509Certificate(der).validTo));
  });
});
