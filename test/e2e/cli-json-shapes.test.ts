// #9 one documented JSON shape per object (docs/ca.md, "JSON shapes"), the same in every command:
// each command's --json output is parsed and its keys compared with the documented ones.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { iamra, opensslCsr, tempDir } from '../support/ca-fixture.js';

const CERTIFICATE = ['serial', 'subject', 'sans', 'status', 'notBefore', 'notAfter', 'issuedAt', 'keyType', 'template', 'renewedFrom', 'renewedBy', 'revokedAt', 'revocationReason'];
const CA_CERTIFICATE = ['subject', 'issuer', 'serial', 'notBefore', 'notAfter', 'keyType', 'isSelfSigned', 'sha256Fingerprint'];
const CRL = ['crlNumber', 'thisUpdate', 'nextUpdate', 'entryCount', 'pemBytes', 'importCrlLimitBytes', 'file', 'isReplaced', 'format', 'pem'];
const ISSUED = [...CERTIFICATE, 'certificateFile', 'keyFile', 'pkcs12File', 'pem'];

let dir: string;

function json(args: string[]): Record<string, unknown> {
  const result = iamra(dir, [...args, '--json']);
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const keys = (value: unknown) => Object.keys(value as object).sort();
const expectShape = (value: unknown, shape: string[]) => expect(keys(value)).toEqual([...shape].sort());

function expectCertificate(value: unknown): void {
  expectShape(value, CERTIFICATE);
  const c = value as Record<string, unknown>;
  expect(c.serial).toMatch(/^[0-9a-f]+$/);
  for (const date of ['notBefore', 'notAfter', 'issuedAt']) expect(new Date(c[date] as string).toISOString()).toBe(c[date]);
  expect(Array.isArray(c.sans) && Array.isArray(c.renewedBy)).toBe(true);
}

let issued: Record<string, unknown>;

beforeAll(() => {
  dir = tempDir('iamra-json-');
  opensslCsr(dir, 'w', { san: 'DNS:w.example.com' });
});

describe('--json shapes', () => {
  it('ca init and ca show: the caCertificate object', () => {
    const init = json(['ca', 'init', '--ca', 'ca', '--subject', 'CN=Test CA,O=Example']);
    expectShape(init, ['kind', 'dir', 'subject', 'certificate', 'certificateFile', 'csrFile', 'keyFile', 'keyReference', 'isKeyEncrypted', 'store']);
    expect(init).toMatchObject({ kind: 'root', csrFile: null, keyReference: null, isKeyEncrypted: true, store: join(dir, 'ca', 'ca.db') });
    expectShape(init.certificate, CA_CERTIFICATE);
    const show = json(['ca', 'show', '--ca', 'ca']);
    expectShape(show, [...CA_CERTIFICATE, 'certificateFile']);
    expect({ ...show, certificateFile: undefined }).toEqual({ ...(init.certificate as object), certificateFile: undefined });
    const intermediate = json(['ca', 'init', '--ca', 'inter', '--intermediate', '--subject', 'CN=Inter']);
    expect(intermediate).toMatchObject({ kind: 'intermediate', certificate: null, certificateFile: null, csrFile: expect.stringMatching(/ca\.csr$/) });
  });

  it('issue: the certificate object with the files written (an array with --count)', () => {
    issued = json(['issue', '--ca', 'ca', '--csr', 'w.csr', '--subject', 'CN=w', '--cert-out', 'w.crt']);
    expectShape(issued, ISSUED);
    expect(issued).toMatchObject({ status: 'valid', sans: ['dns:w.example.com'], certificateFile: 'w.crt', keyFile: null, renewedFrom: null, renewedBy: [] });
    const many = json(['issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '2']) as unknown as unknown[];
    expect(many).toHaveLength(2);
    for (const one of many) expectShape(one, ISSUED);
  });

  it('renew: the new certificate object, its files and the previous one', () => {
    const renewed = json(['renew', '--ca', 'ca', issued.serial as string, '--csr', 'w.csr', '--cert-out', 'w2.crt']);
    expectShape(renewed, [...CERTIFICATE, 'certificateFile', 'keyFile', 'pem', 'previous', 'publish']);
    expectCertificate(renewed.previous);
    expect(renewed).toMatchObject({ renewedFrom: issued.serial, publish: null, previous: { serial: issued.serial, renewedBy: [renewed.serial] } });
  });

  it('list, show and export: the same certificate object', () => {
    const listed = json(['list', '--ca', 'ca']) as unknown as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(4);
    for (const c of listed) expectCertificate(c);
    const shown = json(['show', '--ca', 'ca', issued.serial as string]);
    expectShape(shown, [...CERTIFICATE, 'issuer', 'sha256Fingerprint']);
    const { issuer, sha256Fingerprint, ...certificate } = shown;
    expect(certificate).toEqual(listed[0]);
    expect([issuer, sha256Fingerprint]).toEqual(['CN=Test CA, O=Example', expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const exported = json(['export', '--ca', 'ca', issued.serial as string]);
    expectShape(exported, [...CERTIFICATE, 'file', 'format', 'pem']);
    expect(exported.pem).toBe(issued.pem);
  });

  it('revoke: the revoked certificate object with the publish result', () => {
    const revoked = json(['revoke', '--ca', 'ca', issued.serial as string, '--reason', 'keyCompromise']);
    expectShape(revoked, [...CERTIFICATE, 'publish']);
    expect(revoked).toMatchObject({ serial: issued.serial, status: 'revoked', revocationReason: 'keyCompromise', publish: null });
  });

  it('crl generate: the crl object, with the PEM instead of the CRL on stdout', () => {
    const crl = json(['crl', 'generate', '--ca', 'ca']);
    expectShape(crl, CRL);
    expect(crl).toMatchObject({ crlNumber: 1, entryCount: 1, file: null, isReplaced: false, format: 'pem', pem: expect.stringMatching(/^-----BEGIN X509 CRL-----\n/) });
    expect(json(['crl', 'generate', '--ca', 'ca', '--out', 'ca.crl'])).toMatchObject({ crlNumber: 2, file: 'ca.crl', isReplaced: false });
    expect(json(['crl', 'generate', '--ca', 'ca', '--out', 'ca.crl'])).toMatchObject({ crlNumber: 3, isReplaced: true });
  });
});
