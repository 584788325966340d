// `iamra revoke` and `iamra crl generate`: OpenSSL reads every CRL and rejects revoked certificates.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, openssl, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;
const serials: Record<string, string> = {};

function issue(name: string, extra: string[] = []): string {
  const result = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'leaf.csr', '--subject', `CN=${name}`, '--cert-out', `${name}.crt`, '--json', ...extra]);
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { serial: string }).serial;
}

function crl(args: string[]) {
  return iamra(dir, ['crl', 'generate', '--ca', 'ca', ...args]);
}

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'leaf');
  for (const name of ['good', 'stolen', 'retired', 'plain']) serials[name] = issue(name);
});

describe('revoke', () => {
  it('revokes by serial or by certificate file, once', () => {
    expect(iamra(dir, ['revoke', '--ca', 'ca', serials.stolen!, '--reason', 'keyCompromise']).stdout).toContain(`revoked ${serials.stolen} (CN=stolen)`);
    expect(iamra(dir, ['revoke', '--ca', 'ca', 'retired.crt', '--reason', 'cessationOfOperation']).status).toBe(0);
    expect(iamra(dir, ['revoke', '--ca', 'ca', `0x${serials.plain!.toUpperCase()}`]).status).toBe(0);
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, ['revoke', '--ca', 'ca', serials.stolen!]), 1)).toContain('already revoked');
    expect(dumpDatabase(caDir)).toBe(before);
  });

  it('refuses a certificate file from another CA that has the same serial', () => {
    const other = openssl(['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', 'other.key', '-subj', '/CN=good', '-days', '1', '-set_serial', `0x${serials.good}`, '-out', 'impostor.crt'], dir);
    expect(other.status).toBe(0);
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, ['revoke', '--ca', 'ca', 'impostor.crt']), 3)).toContain('the certificate file is not the one this CA issued with that serial');
    expect(dumpDatabase(caDir)).toBe(before);
  });

  it('lists statuses', () => {
    const list = JSON.parse(iamra(dir, ['list', '--ca', 'ca', '--status', 'revoked', '--json']).stdout) as Array<{ serial: string; revocationReason: string }>;
    expect(list.map((c) => c.serial).sort()).toEqual([serials.stolen, serials.retired, serials.plain].sort());
    expect(list.find((c) => c.serial === serials.stolen)?.revocationReason).toBe('keyCompromise');
  });
});

describe('crl generate', () => {
  it('writes a PEM CRL that OpenSSL parses, with reasons, AKI and number 1', () => {
    const result = crl(['--out', 'crl1.pem']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^iamra: CRL 1: 3 entries, \d+ bytes as PEM \(\d+\.\d% of the 300000-byte ImportCrl limit\)/);
    expect(readFileSync(join(dir, 'crl1.pem'), 'utf8')).toMatch(/^-----BEGIN X509 CRL-----\n/);
    const text = openssl(['crl', '-in', 'crl1.pem', '-noout', '-text'], dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Version 2 (0x1)');
    expect(text.stdout).toMatch(/X509v3 CRL Number: \n\s+1\n/);
    expect(text.stdout).toContain('X509v3 Authority Key Identifier');
    expect(text.stdout).toContain('Key Compromise');
    expect(text.stdout).toContain('Cessation Of Operation');
    expect(text.stdout).toContain(serials.plain!.toUpperCase());
    // No entry for `unspecified` carries an (empty) extension list.
    const plainEntry = text.stdout.split('Serial Number: ').find((e) => e.startsWith(serials.plain!.toUpperCase()))!;
    expect(plainEntry).not.toContain('CRL entry extensions');
    expect(openssl(['asn1parse', '-in', 'crl1.pem'], dir).status).toBe(0);
    expect(openssl(['crl', '-in', 'crl1.pem', '-noout', '-CAfile', 'ca/ca.crt'], dir).stderr).toContain('verify OK');
  });

  it('makes openssl verify -crl_check fail for revoked certificates and pass for the others', () => {
    writeFileSync(join(dir, 'bundle.pem'), readFileSync(join(caDir, 'ca.crt'), 'utf8') + readFileSync(join(dir, 'crl1.pem'), 'utf8'));
    const good = openssl(['verify', '-crl_check', '-CAfile', 'bundle.pem', 'good.crt'], dir);
    expect(good.stdout.trim()).toBe('good.crt: OK');
    for (const name of ['stolen', 'retired', 'plain']) {
      const revoked = openssl(['verify', '-crl_check', '-CAfile', 'bundle.pem', `${name}.crt`], dir);
      expect(revoked.status).not.toBe(0);
      expect(revoked.stderr).toContain('certificate revoked');
    }
  });

  it('writes DER with --der, and numbers CRLs monotonically', () => {
    expect(crl(['--der', '--out', 'crl2.der', '--next-update', '1d']).status).toBe(0);
    const text = openssl(['crl', '-inform', 'DER', '-in', 'crl2.der', '-noout', '-text'], dir).stdout;
    expect(text).toMatch(/X509v3 CRL Number: \n\s+2\n/);
    const last = Date.parse(/Last Update: (.*)/.exec(text)![1]!);
    const next = Date.parse(/Next Update: (.*)/.exec(text)![1]!);
    expect(next - last).toBe(86_400_000);
    expect(openssl(['asn1parse', '-inform', 'DER', '-in', 'crl2.der'], dir).status).toBe(0);
    const stdout = crl([]);
    expect(stdout.stdout).toMatch(/^-----BEGIN X509 CRL-----/);
    expect(openssl(['crl', '-noout', '-crlnumber'], dir, stdout.stdout).stdout.trim()).toBe('crlNumber=0x03');
    expect(sqlite(caDir, 'SELECT group_concat(crl_number) FROM crls')).toBe('1,2,3');
  });

  it('leaves out revoked certificates already past notAfter', () => {
    const old = issue('old');
    expect(iamra(dir, ['revoke', '--ca', 'ca', old]).status).toBe(0);
    sqlite(caDir, `UPDATE certificates SET not_after = '2020-01-01T00:00:00.000Z' WHERE serial = '${old}'`);
    const result = crl([]);
    expect(result.stderr).toContain(': 3 entries');
    expect(openssl(['crl', '-noout', '-text'], dir, result.stdout).stdout).not.toContain(old.toUpperCase());
  });

  it('refuses a CRL over --max-bytes and stores nothing', () => {
    const before = dumpDatabase(caDir);
    const line = expectUserError(crl(['--max-bytes', '200', '--out', 'big.pem']), 1);
    expect(line).toMatch(/the CRL would be \d+ bytes \(3 entries\), over the 200-byte limit of Roles Anywhere ImportCrl/);
    expect(dumpDatabase(caDir)).toBe(before);
  });
});
