// #9 `iamra renew` through the CLI: the same names and template, a new serial and validity, a new
// key of the old type (0600) or a CSR's key, the link old -> new in show, --json and the audit
// log, and --revoke-old putting the old serial in the next CRL as superseded.
import { createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, openssl, opensslCsr, sqlite, tempDir, writeText } from '../support/ca-fixture.js';
import type { CertificateJson } from '../../cli/ca/certificate-json.js';

let dir: string;

function run(args: string[]): CertificateJson & Record<string, unknown> {
  const result = iamra(dir, [...args, '--ca', 'ca', '--json']);
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as CertificateJson & Record<string, unknown>;
}

/** Subject and SAN lines of `openssl x509 -text`. */
function names(file: string): { subject: string; sans: string } {
  const text = openssl(['x509', '-in', file, '-noout', '-text'], dir).stdout;
  return { subject: /Subject: (.*)/.exec(text)?.[1] ?? '', sans: /X509v3 Subject Alternative Name:.*\n\s*(.*)/.exec(text)?.[1] ?? '' };
}

const lifetimeSeconds = (c: CertificateJson) => (Date.parse(c.notAfter) - Math.floor(Date.parse(c.issuedAt) / 1000) * 1000) / 1000;

beforeAll(() => {
  dir = tempDir('iamra-renew-');
  createCa(dir);
  writeText(dir, 'ci.json', JSON.stringify({ subjectDefaults: 'O=Example,OU=CI', requiredAttributes: ['CN', 'OU'], keyTypes: ['ec-p256', 'rsa-2048'], defaultValidity: '2d', maxValidity: '7d' }));
  const set = iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'ci', 'ci.json']);
  if (set.status !== 0) throw new Error(set.stderr);
});

describe('renew with a generated key', () => {
  let old: CertificateJson;
  let renewed: CertificateJson & Record<string, unknown>;

  beforeAll(() => {
    old = run(['issue', '--generate-key', '--key-type', 'ec-p384', '--subject', 'CN=web-1,OU=payments,O=Example', '--san', 'dns:web-1.example.com', '--san', 'uri:spiffe://example.com/web-1', '--validity', '12h', '--key-out', 'old.key', '--cert-out', 'old.crt']);
    renewed = run(['renew', old.serial, '--key-out', 'new.key', '--cert-out', 'new.crt']);
  });

  it('keeps the subject and SANs (as OpenSSL reads them) with a new serial', () => {
    expect(names('new.crt')).toEqual(names('old.crt'));
    expect(names('new.crt').sans).toBe('DNS:web-1.example.com, URI:spiffe://example.com/web-1');
    expect(renewed.serial).not.toBe(old.serial);
    expect(new X509Certificate(readFileSync(join(dir, 'new.crt'))).serialNumber.toLowerCase()).toBe(renewed.serial);
    expect(openssl(['verify', '-CAfile', 'ca/ca.crt', 'new.crt'], dir).status).toBe(0);
  });

  it('gives the old lifetime again, from now', () => {
    expect(lifetimeSeconds(renewed)).toBe(12 * 3600);
    expect(Date.parse(renewed.issuedAt)).toBeGreaterThanOrEqual(Date.parse(old.issuedAt));
  });

  it('writes a new key of the old key type, 0600, that matches the certificate', () => {
    expect(statSync(join(dir, 'new.key')).mode & 0o777).toBe(0o600);
    const key = createPublicKey(readFileSync(join(dir, 'new.key')));
    const certificate = new X509Certificate(readFileSync(join(dir, 'new.crt')));
    expect(certificate.publicKey.equals(key)).toBe(true);
    expect(key.equals(createPublicKey(readFileSync(join(dir, 'old.key'))))).toBe(false);
    expect(renewed.keyType).toBe('ec-p384');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(openssl(['x509', '-in', 'new.crt', '-noout', '-checkend', '0'], dir).status).toBe(0);
  });

  it('records the link in --json, in show (both ways) and in the audit log', () => {
    expect(renewed).toMatchObject({ renewedFrom: old.serial, renewedBy: [], status: 'valid', certificateFile: 'new.crt', keyFile: 'new.key', previous: { serial: old.serial, status: 'valid', renewedBy: [renewed.serial] } });
    expect(run(['show', renewed.serial])).toMatchObject({ renewedFrom: old.serial, sans: ['dns:web-1.example.com', 'uri:spiffe://example.com/web-1'] });
    expect(run(['show', old.serial])).toMatchObject({ renewedFrom: null, renewedBy: [renewed.serial] });
    const text = iamra(dir, ['show', '--ca', 'ca', old.serial]).stdout;
    expect(text).toContain(`\nrenewed by: ${renewed.serial}\n`);
    expect(iamra(dir, ['show', '--ca', 'ca', renewed.serial]).stdout).toContain(`\nrenewed from: ${old.serial}\n`);
    const audit = JSON.parse(iamra(dir, ['ca', 'audit', '--ca', 'ca', '--json']).stdout) as Array<{ action: string; serial: string; detail: Record<string, unknown> }>;
    expect(audit.filter((e) => e.action === 'certificate.renew')).toEqual([expect.objectContaining({ serial: renewed.serial, detail: expect.objectContaining({ renewedFrom: old.serial, serial: renewed.serial }) })]);
  });
});

describe('renew with a CSR', () => {
  it('puts the CSR\'s key in the new certificate and writes no key', () => {
    opensslCsr(dir, 'workload', { subject: '/CN=ignored' });
    const old = run(['issue', '--csr', 'workload.csr', '--subject', 'CN=api,OU=Core', '--san', 'dns:api.example.com', '--cert-out', 'api-old.crt']);
    const renewed = run(['renew', 'api-old.crt', '--csr', 'workload.csr', '--cert-out', 'api-new.crt']);
    const certificate = new X509Certificate(readFileSync(join(dir, 'api-new.crt')));
    expect(certificate.publicKey.equals(createPublicKey(readFileSync(join(dir, 'workload.key'))))).toBe(true);
    expect(names('api-new.crt')).toEqual(names('api-old.crt'));
    expect(renewed).toMatchObject({ subject: 'CN=api, OU=Core', renewedFrom: old.serial, keyFile: null });
  });

  it('refuses a CSR whose signature does not hold, before anything is stored', () => {
    const old = run(['issue', '--generate-key', '--subject', 'CN=pop', '--key-out', 'pop.key', '--cert-out', 'pop.crt']);
    const csr = readFileSync(join(dir, 'workload.csr'), 'utf8');
    const der = Buffer.from(csr.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
    // Flip a bit inside the signature (the last bytes): the request no longer proves the key.
    der.writeUInt8(der.readUInt8(der.length - 3) ^ 0x01, der.length - 3);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const before = dumpDatabase(join(dir, 'ca'));
    writeFileSync(join(dir, 'tampered.csr'), tampered);
    expect(expectUserError(iamra(dir, ['renew', '--ca', 'ca', old.serial, '--csr', 'tampered.csr', '--cert-out', 'never.crt']), 3)).toMatch(/signature/);
    expect(dumpDatabase(join(dir, 'ca'))).toBe(before);
  });
});

describe('renew keeps the template and its validity', () => {
  it('re-applies the template, with the template\'s default validity and an RSA key of the old size', () => {
    const old = run(['issue', '--generate-key', '--key-type', 'rsa-2048', '--template', 'ci', '--subject', 'CN=runner-4', '--validity', '5d', '--key-out', 'r4.key', '--cert-out', 'r4.crt']);
    const renewed = run(['renew', old.serial, '--key-out', 'r4-new.key', '--cert-out', 'r4-new.crt']);
    expect(old.subject).toBe('O=Example, OU=CI, CN=runner-4');
    expect(renewed).toMatchObject({ template: 'ci', subject: old.subject, keyType: 'rsa-2048', renewedFrom: old.serial });
    expect(names('r4-new.crt')).toEqual(names('r4.crt'));
    expect(lifetimeSeconds(renewed)).toBe(2 * 86_400);
    expect(openssl(['x509', '-in', 'r4-new.crt', '-noout', '-text'], dir).stdout).toContain('Public-Key: (2048 bit)');
    expect(lifetimeSeconds(run(['renew', renewed.serial, '--key-out', 'r4-3.key', '--cert-out', 'r4-3.crt', '--validity', '3d']))).toBe(3 * 86_400);
  });
});

describe('renew an expired certificate', () => {
  it('renews it by a serial prefix, with a validity from now', () => {
    const old = run(['issue', '--generate-key', '--subject', 'CN=late-1', '--validity', '3d', '--key-out', 'late.key', '--cert-out', 'late.crt']);
    sqlite(join(dir, 'ca'), `UPDATE certificates SET not_after = '2021-01-04T00:00:00.000Z', issued_at = '2021-01-01T00:00:00.000Z' WHERE serial = '${old.serial}'`);
    expect(run(['show', old.serial]).status).toBe('expired');
    const renewed = run(['renew', old.serial.slice(0, 16), '--key-out', 'late2.key', '--cert-out', 'late2.crt']);
    expect(renewed).toMatchObject({ status: 'valid', renewedFrom: old.serial, subject: 'CN=late-1' });
    expect(lifetimeSeconds(renewed)).toBe(3 * 86_400);
  });
});

describe('renew --revoke-old', () => {
  it('revokes the old certificate as superseded, and the next CRL lists it', () => {
    const old = run(['issue', '--generate-key', '--subject', 'CN=db-1,OU=Data', '--key-out', 'db.key', '--cert-out', 'db.crt']);
    const renewed = run(['renew', old.serial, '--key-out', 'db-new.key', '--cert-out', 'db-new.crt', '--revoke-old']);
    expect(renewed.previous).toMatchObject({ serial: old.serial, status: 'revoked', revocationReason: 'superseded', renewedBy: [renewed.serial] });
    expect(iamra(dir, ['crl', 'generate', '--ca', 'ca', '--out', 'ca.crl']).status).toBe(0);
    const crl = openssl(['crl', '-in', 'ca.crl', '-noout', '-text'], dir).stdout;
    const entry = new RegExp(`Serial Number: ${old.serial.toUpperCase()}\\n[^\\n]*Revocation Date[^\\n]*\\n[^\\n]*CRL entry extensions:\\n[^\\n]*X509v3 CRL Reason Code:\\s*\\n\\s*Superseded`);
    expect(crl).toMatch(entry);
    expect(crl).not.toContain(renewed.serial.toUpperCase());
  });

  it('refuses to renew a revoked certificate, naming its successor, and changes nothing', () => {
    const old = run(['issue', '--generate-key', '--subject', 'CN=cache-1', '--key-out', 'c.key', '--cert-out', 'c.crt']);
    const renewed = run(['renew', old.serial, '--key-out', 'c2.key', '--cert-out', 'c2.crt', '--revoke-old']);
    const before = dumpDatabase(join(dir, 'ca'));
    const line = expectUserError(iamra(dir, ['renew', '--ca', 'ca', old.serial, '--key-out', 'c3.key', '--cert-out', 'c3.crt']), 1);
    expect(line).toMatch(new RegExp(`^iamra: cannot renew ${old.serial}: it was revoked at \\S+ \\(superseded\\)\\. Renew its successor ${renewed.serial} instead\\.$`));
    expect(dumpDatabase(join(dir, 'ca'))).toBe(before);
  });
});

describe('renew refuses bad requests with one line', () => {
  it.each([
    { name: 'no --cert-out', args: ['--key-out', 'x.key'], exit: 2, message: /needs --cert-out FILE/ },
    { name: 'both --key-out and --csr', args: ['--key-out', 'x.key', '--csr', 'workload.csr', '--cert-out', 'x.crt'], exit: 2, message: /exactly one of --key-out FILE .* or --csr FILE/ },
    { name: 'neither --key-out nor --csr', args: ['--cert-out', 'x.crt'], exit: 2, message: /exactly one of --key-out/ },
    { name: '--publish without --revoke-old', args: ['--key-out', 'x.key', '--cert-out', 'x.crt', '--publish'], exit: 2, message: /nothing to publish without --revoke-old/ },
    { name: 'an existing --cert-out', args: ['--key-out', 'x.key', '--cert-out', 'old.crt'], exit: 3, message: /old\.crt: the file already exists/ },
  ])('$name', ({ args, exit, message }) => {
    const serial = JSON.parse(iamra(dir, ['list', '--ca', 'ca', '--json', '--limit', '1']).stdout)[0].serial as string;
    const before = dumpDatabase(join(dir, 'ca'));
    expect(expectUserError(iamra(dir, ['renew', '--ca', 'ca', serial, ...args]), exit)).toMatch(message);
    expect(dumpDatabase(join(dir, 'ca'))).toBe(before);
  });

  it('refuses a certificate file this CA did not issue', () => {
    const other = tempDir('iamra-renew-other-');
    createCa(other);
    const issued = iamra(other, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=stranger', '--key-out', 's.key', '--cert-out', join(dir, 'stranger.crt')]);
    expect(issued.status).toBe(0);
    expect(expectUserError(iamra(dir, ['renew', '--ca', 'ca', 'stranger.crt', '--key-out', 'x.key', '--cert-out', 'x.crt']), 3)).toMatch(/^iamra: certificate stranger\.crt \(serial [0-9a-f]+\) was not issued by this CA/);
  });
});
