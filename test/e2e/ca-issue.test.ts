// `iamra issue`: CSR and generated keys, names, SANs, validity, output formats and PKCS#12.
import { readFileSync, statSync, existsSync } from 'node:fs';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CA_ENV, createCa, expectUserError, iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
let caDir: string;

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'w', { subject: '/CN=worker-1/O=Example/OU=Security/OU=Engineering', san: 'DNS:w1.example.com,URI:spiffe://example.com/w1' });
});

function issue(args: string[]) {
  return iamra(dir, ['issue', '--ca', 'ca', ...args]);
}

/** notAfter is the issue time (whole seconds) plus the validity; notBefore 60 s earlier, but not before the CA's. */
function expectValidity(serial: string, seconds: number): void {
  const shown = JSON.parse(iamra(dir, ['show', '--ca', 'ca', serial, '--json']).stdout) as { issuedAt: string; notBefore: string; notAfter: string };
  const issued = Math.floor(Date.parse(shown.issuedAt) / 1000) * 1000;
  const caNotBefore = Date.parse(new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).validFrom);
  expect(Date.parse(shown.notAfter)).toBe(issued + seconds * 1000);
  expect(Date.parse(shown.notBefore)).toBe(Math.max(issued - 60_000, caNotBefore));
}

describe('issue from a CSR', () => {
  it('keeps the CSR subject and requested SANs and prints PEM to stdout', () => {
    const result = issue(['--csr', 'w.csr']);
    expect(result.status).toBe(0);
    const cert = new X509Certificate(result.stdout);
    expect(cert.subject).toBe('CN=worker-1\nO=Example\nOU=Security\nOU=Engineering');
    expect(cert.subjectAltName).toBe('DNS:w1.example.com, URI:spiffe://example.com/w1');
    expect(cert.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(cert.publicKey.equals(createPublicKey(readFileSync(join(dir, 'w.key'))))).toBe(true);
    expectValidity(cert.serialNumber.toLowerCase(), 30 * 86_400);
  });

  it('overrides subject and SANs from the command line, and --json describes the result', () => {
    const result = issue(['--csr', 'w.csr', '--subject', 'CN=api,O=Example,UID=u-1,DC=example,serialNumber=A1,L=Seattle,ST=WA,C=US',
      '--san', 'dns:api.example.com', '--san', 'uri:spiffe://example.com/api', '--san', 'email:ops@example.com', '--san', 'ip:10.1.2.3', '--san', 'ip:2001:db8::7', '--san', 'dirname:CN=Alice,OU=Team',
      '--validity', '12h', '--json', '--cert-out', 'api.crt']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { serial: string; notBefore: string; notAfter: string; certificateFile: string; sans: string[]; pem: string };
    expect(json.certificateFile).toBe('api.crt');
    expect(json.pem).toBe(readFileSync(join(dir, 'api.crt'), 'utf8'));
    expectValidity(json.serial, 12 * 3600);
    const text = openssl(['x509', '-in', 'api.crt', '-noout', '-subject', '-ext', 'subjectAltName', '-serial'], dir).stdout;
    expect(text).toContain('subject=CN = api, O = Example, UID = u-1, DC = example, serialNumber = A1, L = Seattle, ST = WA, C = US');
    expect(text).toContain('DNS:api.example.com, URI:spiffe://example.com/api, email:ops@example.com, IP Address:10.1.2.3, IP Address:2001:DB8:0:0:0:0:0:7, DirName:/CN=Alice/OU=Team');
    expect(text.toLowerCase()).toContain(`serial=${json.serial}`);
    expect(openssl(['verify', '-CAfile', 'ca/ca.crt', 'api.crt'], dir).status).toBe(0);
  });

  it('reads the CSR from stdin with --csr -', () => {
    const result = runCli(['issue', '--ca', 'ca', '--csr', '-', '--subject', 'CN=from-stdin'], { cwd: dir, env: CA_ENV, input: readFileSync(join(dir, 'w.csr'), 'utf8') });
    expect(result.stderr).toBe('');
    expect(new X509Certificate(result.stdout).subject).toBe('CN=from-stdin');
  });

  it('never issues past the CA notAfter', () => {
    const short = tempDir();
    createCa(short, 'ec-p256', ['--validity', '2d']);
    opensslCsr(short, 'x');
    const result = iamra(short, ['issue', '--ca', 'ca', '--csr', 'x.csr', '--validity', '1y', '--json']);
    expect(result.status).toBe(0);
    const ca = new X509Certificate(readFileSync(join(short, 'ca', 'ca.crt')));
    expect(new Date(JSON.parse(result.stdout).notAfter as string).getTime()).toBe(Date.parse(ca.validTo));
    expect(result.stderr).toMatch(/^iamra: note: notAfter was cut to the CA's notAfter/);
  });

  it('refuses an existing output file before issuing', () => {
    writeText(dir, 'taken.crt', 'x');
    const before = iamra(dir, ['list', '--ca', 'ca', '--json']).stdout;
    const line = expectUserError(issue(['--csr', 'w.csr', '--cert-out', 'taken.crt']), 3);
    expect(line).toContain('taken.crt: the file already exists');
    expect(iamra(dir, ['list', '--ca', 'ca', '--json']).stdout).toBe(before);
  });
});

describe('issue with --generate-key', () => {
  it('writes the key 0600 and a PKCS#12 bundle OpenSSL opens with the password', () => {
    const result = issue(['--generate-key', '--key-type', 'ec-p384', '--subject', 'CN=gen,O=Example', '--key-out', 'gen.key', '--cert-out', 'gen.crt', '--p12', 'gen.p12'],);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^iamra: no passphrase for the PKCS#12 bundle: no terminal to ask on/);
    expect(existsSync(join(dir, 'gen.key'))).toBe(false);

    writeText(dir, 'p12.pass', 'bundle-secret\n');
    const ok = issue(['--generate-key', '--key-type', 'ec-p384', '--subject', 'CN=gen,O=Example', '--key-out', 'gen.key', '--cert-out', 'gen.crt', '--p12', 'gen.p12', '--p12-password-file', 'p12.pass']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    for (const file of ['gen.key', 'gen.p12']) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const key = createPrivateKey(readFileSync(join(dir, 'gen.key')));
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    const cert = new X509Certificate(readFileSync(join(dir, 'gen.crt')));
    expect(cert.checkPrivateKey(key)).toBe(true);

    const info = openssl(['pkcs12', '-info', '-noout', '-in', 'gen.p12', '-passin', 'pass:bundle-secret'], dir);
    expect(info.status).toBe(0);
    expect(info.stderr).toContain('MAC: sha256');
    expect(info.stderr).toContain('PBES2, PBKDF2, AES-256-CBC');
    expect(info.stderr).toContain('PRF hmacWithSHA256');
    expect(openssl(['pkcs12', '-info', '-noout', '-in', 'gen.p12', '-passin', 'pass:wrong'], dir).status).not.toBe(0);
    const out = openssl(['pkcs12', '-in', 'gen.p12', '-passin', 'pass:bundle-secret', '-nodes'], dir).stdout;
    expect(createPrivateKey(out).equals(key)).toBe(true);
    expect(new X509Certificate(out).raw.equals(cert.raw)).toBe(true);
  });

  it('needs somewhere to put the key, and --subject', () => {
    expect(expectUserError(issue(['--generate-key', '--subject', 'CN=x']), 2)).toContain('--key-out FILE or --p12 FILE');
    expect(expectUserError(issue(['--generate-key', '--key-out', 'nosub.key']), 3)).toContain('needs --subject');
    expect(existsSync(join(dir, 'nosub.key'))).toBe(false);
    expect(expectUserError(issue([]), 2)).toContain('exactly one of --csr FILE or --generate-key');
    const before = iamra(dir, ['list', '--ca', 'ca', '--json']).stdout;
    expect(expectUserError(issue(['--generate-key', '--subject', 'CN=x', '--key-out', 'missing-dir/x.key']), 3)).toContain('cannot write missing-dir/x.key: its directory does not exist or is not writable');
    expect(iamra(dir, ['list', '--ca', 'ca', '--json']).stdout).toBe(before);
  });
});

describe('session tags', () => {
  it('refuses values Roles Anywhere cannot map to a session tag unless --allow-untaggable', () => {
    const refused = issue(['--csr', 'w.csr', '--subject', 'CN=bad (name),O=Example']);
    expect(expectUserError(refused, 1)).toBe('iamra: refused: x509Subject/CN cannot become a Roles Anywhere session tag: character "(" is not allowed in a session tag (CN=bad (name), O=Example). Change the value or pass --allow-untaggable.');
    expect(expectUserError(issue(['--csr', 'w.csr', '--san', 'uri:spiffe://example.com/a?b=c']), 1)).toContain('x509SAN/URI');
    const allowed = issue(['--csr', 'w.csr', '--subject', 'CN=bad (name),O=Example', '--allow-untaggable']);
    expect(allowed.status).toBe(0);
    expect(new X509Certificate(allowed.stdout).subject).toContain('CN=bad (name)');
  });

  it('checks the joined value of a multi-valued attribute', () => {
    const ou = Array.from({ length: 5 }, (_, i) => `OU=${String(i).repeat(60)}`).join(',');
    expect(expectUserError(issue(['--csr', 'w.csr', '--subject', `CN=x,${ou}`]), 1)).toContain('longer than 256 characters');
  });
});
