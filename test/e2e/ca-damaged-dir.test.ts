// Bad paths for the CA commands (damaged CA directory, a directory or file where the other is due, unwritable outputs): exit 3, one line, nothing changed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;

/** A copy of the good CA in `<dir>/<name>`, damaged by `damage`. */
function damagedCopy(name: string, damage: (copy: string) => void): string {
  const copy = join(dir, name);
  cpSync(caDir, copy, { recursive: true });
  damage(copy);
  return name;
}

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  mkdirSync(join(dir, 'folder'));
});

describe('damaged CA directory', () => {
  it('a ca.db that is not a database is CA_DATABASE_UNREADABLE, and is left as it was', () => {
    const name = damagedCopy('notdb', (copy) => writeFileSync(join(copy, 'ca.db'), 'not a database\n'));
    const line = expectUserError(iamra(dir, ['list', '--ca', name]), 3);
    expect(line).toMatch(/^iamra: cannot open CA database .*notdb\/ca\.db: it is not an SQLite database or it is damaged\. Check --ca\.$/);
    expect(readFileSync(join(dir, name, 'ca.db'), 'utf8')).toBe('not a database\n');
  });

  it('a ca.crt that is a directory names the file and why', () => {
    const name = damagedCopy('crtdir', (copy) => {
      rmSync(join(copy, 'ca.crt'));
      mkdirSync(join(copy, 'ca.crt'));
    });
    const line = expectUserError(iamra(dir, ['ca', 'show', '--ca', name]), 3);
    expect(line).toMatch(/^iamra: cannot read CA certificate: it is a directory \(.*crtdir\/ca\.crt\)\. Check the CA directory\.$/);
  });

  it('a missing ca.key says "no such file", not an errno code', () => {
    const name = damagedCopy('nokey', (copy) => rmSync(join(copy, 'ca.key')));
    const before = dumpDatabase(join(dir, name));
    const line = expectUserError(iamra(dir, ['crl', 'generate', '--ca', name]), 3);
    expect(line).toMatch(/^iamra: cannot read CA key: no such file \(.*nokey\/ca\.key\)\. Check the CA directory\.$/);
    expect(dumpDatabase(join(dir, name))).toBe(before);
  });
});

describe('a directory where a file is expected', () => {
  it.each([
    ['CSR', ['issue', '--csr', 'folder'], /^iamra: cannot read CSR: it is a directory \(folder\)\. Check the path\.$/],
    ['certificate to revoke', ['revoke', 'folder'], /^iamra: cannot read certificate: it is a directory \(folder\)\. Check the path\.$/],
    ['passphrase file', ['crl', 'generate', '--passphrase-file', 'folder'], /^iamra: cannot read --passphrase-file for the CA key: it is a directory \(folder\)\. Check the path\.$/],
  ])('%s', (_what, args, message) => {
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, [...args, '--ca', 'ca']), 3)).toMatch(message);
    expect(dumpDatabase(caDir)).toBe(before);
  });
});

describe('crl generate with an --out it cannot write', () => {
  it.each([
    // #9: this CA's previous CRL would be replaced; anything else needs --force (ca-crl-out.test.ts).
    ['an existing file that is not a CRL', 'taken.crl', /^iamra: cannot write the CRL to taken\.crl: it holds a file that is not a CRL, not a CRL of this CA\. Choose another path, or pass --force to replace it\.$/],
    ['a missing directory', 'absent/ca.crl', /^iamra: cannot write absent\/ca\.crl: its directory does not exist or is not writable\. Check the path\.$/],
  ])('%s is refused before signing, so no CRL is stored and no CRL number used', (_what, out, message) => {
    writeFileSync(join(dir, 'taken.crl'), 'keep me\n');
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, ['crl', 'generate', '--ca', 'ca', '--out', out]), 3)).toMatch(message);
    expect(dumpDatabase(caDir)).toBe(before);
    expect(readFileSync(join(dir, 'taken.crl'), 'utf8')).toBe('keep me\n');
  });
});

describe('ca init with a --ca that cannot be a directory', () => {
  it.each([
    ['a file', 'plain-file', /^iamra: cannot create a CA in .*plain-file: it is a file, not a directory\. Choose another --ca directory\.$/],
    ['a path under a file', 'plain-file/sub', /^iamra: cannot create a CA in .*plain-file\/sub: a part of the path is not a directory\. Choose another --ca directory\.$/],
  ])('%s is CA_DIR_UNUSABLE (exit 3), and the file is left as it was', (_what, ca, message) => {
    writeFileSync(join(dir, 'plain-file'), 'not a CA\n');
    expect(expectUserError(iamra(dir, ['ca', 'init', '--ca', ca, '--subject', 'CN=Nowhere']), 3)).toMatch(message);
    expect(readFileSync(join(dir, 'plain-file'), 'utf8')).toBe('not a CA\n');
  });
});
