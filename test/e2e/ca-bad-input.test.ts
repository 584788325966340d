// Bad input to the CA commands: one clear line, a documented exit code, and an unchanged database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;
let goodCsr: string;

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'good');
  goodCsr = readFileSync(join(dir, 'good.csr'), 'utf8');
  openssl(['req', '-in', 'good.csr', '-outform', 'DER', '-out', 'good.der'], dir);
  opensslCsr(dir, 'weak', { keyType: 'rsa-1024' });
  opensslCsr(dir, 'edwards', { keyType: 'ed25519' });
  openssl(['dsaparam', '-out', 'dsa.param', '1024'], dir);
  openssl(['req', '-new', '-nodes', '-newkey', 'dsa:dsa.param', '-keyout', 'dsa.key', '-out', 'dsa.csr', '-subj', '/CN=dsa'], dir);
  writeText(dir, 'truncated.crt', '-----BEGIN CERTIFICATE-----\nMIIBkTCCATeg\n-----END CERTIFICATE-----\n');
  const der = readFileSync(join(dir, 'good.der'));
  writeText(dir, 'truncated.der', der.subarray(0, der.length - 10));
  const lines = goodCsr.trim().split('\n');
  writeText(dir, 'truncated.pem', `${lines.slice(0, 3).join('\n')}\n`);
  writeText(dir, 'nobase64.pem', '-----BEGIN CERTIFICATE REQUEST-----\n!!!not base64!!!\n-----END CERTIFICATE REQUEST-----\n');
  writeText(dir, 'empty.csr', '');
  writeText(dir, 'garbage.der', Buffer.from('30820000deadbeef', 'hex'));
  const tampered = Buffer.from(der);
  tampered[40] = tampered[40]! ^ 0x01;
  writeText(dir, 'tampered.der', tampered);
  const badSig = Buffer.from(der);
  badSig[badSig.length - 5] = badSig[badSig.length - 5]! ^ 0xff;
  writeText(dir, 'badsig.der', badSig);
});

interface Case {
  name: string;
  args: () => string[];
  exit: number;
  message: RegExp;
  env?: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'truncated PEM CSR', args: () => ['issue', '--csr', 'truncated.pem'], exit: 3, message: /^iamra: cannot read CSR truncated.pem: no complete PEM block/ },
  { name: 'PEM CSR with a bad body', args: () => ['issue', '--csr', 'nobase64.pem'], exit: 3, message: /^iamra: cannot read CSR nobase64.pem: the PEM body is not valid base64/ },
  { name: 'truncated DER CSR', args: () => ['issue', '--csr', 'truncated.der'], exit: 3, message: /^iamra: cannot read CSR truncated.der: not a valid PKCS#10 request \(truncated\)/ },
  { name: 'garbage DER CSR', args: () => ['issue', '--csr', 'garbage.der'], exit: 3, message: /^iamra: cannot read CSR garbage.der: not a valid PKCS#10 request/ },
  { name: 'empty CSR file', args: () => ['issue', '--csr', 'empty.csr'], exit: 3, message: /^iamra: cannot read CSR empty.csr: the file is empty/ },
  { name: 'missing CSR file', args: () => ['issue', '--csr', 'absent.csr'], exit: 3, message: /^iamra: cannot read CSR: no such file \(absent\.csr\)/ },
  { name: 'CSR with a tampered body', args: () => ['issue', '--csr', 'tampered.der'], exit: 3, message: /^iamra: cannot (use|read) CSR tampered.der: / },
  { name: 'CSR with a bad signature', args: () => ['issue', '--csr', 'badsig.der'], exit: 3, message: /^iamra: cannot use CSR badsig.der: its signature does not verify, so possession of the key is not proven/ },
  { name: 'RSA-1024 CSR', args: () => ['issue', '--csr', 'weak.csr'], exit: 3, message: /^iamra: unsupported key in CSR weak.csr: RSA 1024 bits is below the 2048-bit minimum/ },
  { name: 'Ed25519 CSR', args: () => ['issue', '--csr', 'edwards.csr'], exit: 3, message: /^iamra: unsupported key in CSR edwards.csr: ed25519 keys cannot be used with Roles Anywhere/ },
  { name: 'DSA CSR', args: () => ['issue', '--csr', 'dsa.csr'], exit: 3, message: /^iamra: unsupported key in CSR dsa.csr: dsa keys cannot be used with Roles Anywhere/ },
  { name: 'truncated certificate (revoke)', args: () => ['revoke', 'truncated.crt'], exit: 3, message: /^iamra: cannot read certificate truncated.crt: not a valid X.509 certificate/ },
  { name: 'unsupported --key-type', args: () => ['issue', '--generate-key', '--key-type', 'rsa-1024', '--subject', 'CN=x', '--key-out', 'x.key'], exit: 2, message: /^iamra: option '--key-type <type>' argument 'rsa-1024' is invalid\. Allowed choices are .*\. Run "iamra issue --help" for usage\.$/ },
  { name: 'invalid SAN type', args: () => ['issue', '--csr', 'good.csr', '--san', 'smtp:a@b'], exit: 3, message: /^iamra: invalid subject alternative name "smtp:a@b": unknown type/ },
  { name: 'invalid DNS SAN', args: () => ['issue', '--csr', 'good.csr', '--san', 'dns:bad_name..example'], exit: 3, message: /^iamra: invalid subject alternative name "dns:bad_name..example": not a valid DNS name/ },
  { name: 'invalid IP SAN', args: () => ['issue', '--csr', 'good.csr', '--san', 'ip:300.1.1.1'], exit: 3, message: /not an IPv4 or IPv6 address/ },
  { name: 'relative URI SAN', args: () => ['issue', '--csr', 'good.csr', '--san', 'uri:/just/a/path'], exit: 3, message: /not an absolute URI/ },
  { name: 'unknown subject attribute', args: () => ['issue', '--csr', 'good.csr', '--subject', 'CN=x,FOO=y'], exit: 3, message: /^iamra: invalid subject: unknown or missing attribute in "FOO=y"/ },
  { name: 'bad country code', args: () => ['issue', '--csr', 'good.csr', '--subject', 'CN=x,C=USA'], exit: 3, message: /invalid subject attribute C: must be a two-letter country code/ },
  { name: 'untaggable CN', args: () => ['issue', '--csr', 'good.csr', '--subject', 'CN=a*b'], exit: 1, message: /cannot become a Roles Anywhere session tag: character "\*" is not allowed/ },
  { name: 'bad validity', args: () => ['issue', '--csr', 'good.csr', '--validity', '30 days'], exit: 2, message: /^iamra: invalid --validity: "30 days" is not a duration/ },
  { name: 'unknown template', args: () => ['issue', '--csr', 'good.csr', '--template', 'nope'], exit: 3, message: /^iamra: no template "nope" in this CA/ },
  { name: 'wrong CA passphrase', args: () => ['issue', '--csr', 'good.csr'], env: { IAMRA_CA_PASSPHRASE: 'wrong' }, exit: 3, message: /^iamra: cannot read private key .*ca\.key: wrong passphrase or damaged key/ },
  { name: 'unknown serial (revoke)', args: () => ['revoke', '7f00000000000000000000000000abcd'], exit: 3, message: /^iamra: cannot revoke 7f00000000000000000000000000abcd: no certificate with that serial/ },
  { name: 'unknown serial (show)', args: () => ['show', 'abcd'], exit: 3, message: /^iamra: no certificate abcd in this CA/ },
  { name: 'unknown serial (export)', args: () => ['export', 'abcd'], exit: 3, message: /^iamra: no certificate abcd in this CA/ },
  { name: 'malformed serial', args: () => ['show', 'xyz!'], exit: 2, message: /^iamra: invalid serial "xyz!"/ },
  { name: 'unknown revocation reason', args: () => ['revoke', 'abcd', '--reason', 'bored'], exit: 2, message: /^iamra: option '--reason <reason>' argument 'bored' is invalid\. Allowed choices are .*\. Run "iamra revoke --help" for usage\.$/ },
  { name: 'wrong passphrase for CRL', args: () => ['crl', 'generate'], env: { IAMRA_CA_PASSPHRASE: 'wrong' }, exit: 3, message: /wrong passphrase or damaged key/ },
];

describe('bad input leaves the database unchanged', () => {
  it.each(CASES)('$name', (c) => {
    const before = dumpDatabase(caDir);
    const result = iamra(dir, [...c.args(), '--ca', 'ca'], c.env);
    expect(result.stdout).toBe('');
    const line = expectUserError(result, c.exit);
    expect(result.status).toBe(c.exit);
    expect(line).toMatch(c.message);
    expect(result.stderr).not.toMatch(/PRIVATE KEY|ERR_OSSL|\bat .*\.js:\d+/);
    expect(dumpDatabase(caDir)).toBe(before);
  });
});

describe('CA key handling', () => {
  it('without a passphrase and without a terminal, says how to give one', () => {
    const line = expectUserError(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'good.csr'], { IAMRA_CA_PASSPHRASE: undefined }), 2);
    expect(line).toBe('iamra: no passphrase for the CA key: no terminal to ask on. Set IAMRA_CA_PASSPHRASE or pass --passphrase-file.');
  });

  it('reads the passphrase from --passphrase-file', () => {
    writeText(dir, 'ca.pass', 'correct horse battery staple\n');
    expect(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'good.csr', '--passphrase-file', 'ca.pass'], { IAMRA_CA_PASSPHRASE: undefined }).status).toBe(0);
  });

  it('writes an unencrypted key only with --no-encrypt', () => {
    const plain = tempDir();
    expect(iamra(plain, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Plain', '--no-encrypt'], { IAMRA_CA_PASSPHRASE: undefined }).stdout).toContain('(NOT encrypted)');
    expect(readFileSync(join(plain, 'ca', 'ca.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    opensslCsr(plain, 'p');
    expect(iamra(plain, ['issue', '--ca', 'ca', '--csr', 'p.csr'], { IAMRA_CA_PASSPHRASE: undefined }).status).toBe(0);
  });

  it('refuses to create a CA over an existing one, and reports a missing CA', () => {
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Again']), 3)).toMatch(/cannot create a CA in .*: .*ca\.db already exists/);
    expect(dumpDatabase(caDir)).toBe(before);
    expect(expectUserError(iamra(dir, ['list', '--ca', 'nowhere']), 3)).toMatch(/^iamra: no CA in .*nowhere: ca\.db does not exist/);
  });

  it('refuses an untaggable CA subject (issuer tags) unless allowed', () => {
    const other = tempDir();
    expect(expectUserError(iamra(other, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Root #1']), 1)).toContain('x509Issuer/CN');
    expect(iamra(other, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Root #1', '--allow-untaggable']).status).toBe(0);
  });
});
