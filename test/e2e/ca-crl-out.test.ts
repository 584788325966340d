// #9 `crl generate --out FILE` as a cron job runs it: this CA's previous CRL at that path is
// replaced atomically (no temporary file left, the next number inside); anything else there
// needs --force, and is refused before a CRL number is used.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;

const crlNumber = (file: string) => openssl(['crl', '-in', file, '-inform', file.endsWith('.der') ? 'DER' : 'PEM', '-noout', '-crlnumber'], dir).stdout.trim();

function generate(args: string[]) {
  return iamra(dir, ['crl', 'generate', '--ca', 'ca', ...args]);
}

beforeAll(() => {
  dir = tempDir('iamra-crl-out-');
  caDir = createCa(dir);
  opensslCsr(dir, 'w');
});

describe('crl generate --out over this CA\'s previous CRL', () => {
  it('replaces it on every run, atomically, and says so', () => {
    expect(generate(['--out', 'ca.crl']).stderr).toMatch(/, written to ca\.crl\n$/);
    expect(crlNumber('ca.crl')).toBe('crlNumber=0x01');
    const second = generate(['--out', 'ca.crl']);
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/^iamra: CRL 2: .*, replaced ca\.crl\n$/);
    expect(crlNumber('ca.crl')).toBe('crlNumber=0x02');
    expect(openssl(['crl', '-in', 'ca.crl', '-noout', '-CAfile', 'ca/ca.crt'], dir).stderr).toContain('verify OK');
    expect(statSync(join(dir, 'ca.crl')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('replaces a DER CRL of this CA too, in the format asked for', () => {
    expect(generate(['--out', 'ca.crl.der', '--der']).status).toBe(0);
    expect(generate(['--out', 'ca.crl.der']).status).toBe(0);
    expect(readFileSync(join(dir, 'ca.crl.der'), 'utf8')).toMatch(/^-----BEGIN X509 CRL-----/);
  });
});

describe('crl generate --out over anything else', () => {
  const cases = [
    { name: 'a file that is not a CRL', make: () => writeText(dir, 'notes.txt', 'keep me\n'), why: 'a file that is not a CRL' },
    { name: 'a certificate', make: () => { iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--cert-out', 'leaf.crt']); return join(dir, 'leaf.crt'); }, why: 'a file that is not a CRL' },
    { name: 'a CRL of another CA', make: () => otherCaCrl('other.crl', 'CN=Other CA'), why: 'a CRL of another issuer' },
    // The same subject under another key: only the authority key identifier tells them apart.
    { name: 'a CRL of a CA with the same name', make: () => otherCaCrl('twin.crl', 'CN=Test CA,O=Example'), why: 'a CRL signed under another key (its authority key identifier differs)' },
    { name: 'a named pipe', make: () => { execFileSync('mkfifo', [join(dir, 'pipe')]); return join(dir, 'pipe'); }, why: 'something that is not a readable CRL file' },
  ];

  it.each(cases)('refuses $name without --force, before using a CRL number', ({ make, why }) => {
    const path = make();
    const content = statSync(path).isFile() ? readFileSync(path) : undefined;
    const before = dumpDatabase(caDir);
    const line = expectUserError(generate(['--out', path]), 3);
    expect(line).toBe(`iamra: cannot write the CRL to ${path}: it holds ${why}, not a CRL of this CA. Choose another path, or pass --force to replace it.`);
    expect(dumpDatabase(caDir)).toBe(before);
    if (content) expect(readFileSync(path).equals(content)).toBe(true);
  });

  it('replaces them with --force', () => {
    for (const name of ['notes.txt', 'other.crl', 'twin.crl', 'pipe']) {
      const result = generate(['--out', name, '--force']);
      expect([result.status, result.stderr]).toEqual([0, expect.stringMatching(new RegExp(`replaced ${name.replace('.', '\\.')}\\n$`))]);
      expect(openssl(['crl', '-in', name, '-noout', '-CAfile', 'ca/ca.crt'], dir).stderr).toContain('verify OK');
    }
  });

  it('refuses a directory even with --force, and --force without --out', () => {
    mkdirSync(join(dir, 'crl.d'));
    expect(expectUserError(generate(['--out', 'crl.d', '--force']), 3)).toBe('iamra: cannot write the CRL to crl.d: it is a directory. Give a file path.');
    expect(expectUserError(generate(['--force']), 2)).toContain('--force: it applies to --out FILE');
  });
});

function otherCaCrl(name: string, subject: string): string {
  const other = tempDir('iamra-crl-other-');
  if (iamra(other, ['ca', 'init', '--ca', 'ca', '--subject', subject]).status !== 0) throw new Error('ca init failed');
  const result = iamra(other, ['crl', 'generate', '--ca', 'ca', '--out', join(dir, name)]);
  if (result.status !== 0) throw new Error(result.stderr);
  return join(dir, name);
}
