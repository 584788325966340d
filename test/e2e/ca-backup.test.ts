// Issue 9: `ca backup` while another process issues, and `ca restore` into an empty directory:
// the restored CA issues, and its CRL lists the revocations made before the backup. A damaged or
// mismatched backup is refused with one line and leaves nothing behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CA_ENV, createCa, expectUserError, iamra, openssl, sqlite, tempDir } from '../support/ca-fixture.js';
import { runCliAsync } from '../support/run-cli.js';

let dir: string;
let revokedSerial: string;

function backupDocument(name: string): { files: Record<string, { sha256: string; base64: string }> } {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as { files: Record<string, { sha256: string; base64: string }> };
}

beforeAll(() => {
  dir = tempDir('iamra-backup-');
  createCa(dir);
  const issued = iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=to-revoke', '--key-out', 'r.key', '--cert-out', 'r.crt']);
  expect(issued.status).toBe(0);
  revokedSerial = /issued ([0-9a-f]+)/.exec(issued.stdout)![1]!;
  expect(iamra(dir, ['revoke', '--ca', 'ca', revokedSerial, '--reason', 'keyCompromise']).status).toBe(0);
});

describe('issue 9: ca backup and ca restore', () => {
  it('backs up while another process issues; the copy is consistent and 0600', async () => {
    const issuing = Promise.all([0, 1, 2, 3, 4, 5].map((i) => runCliAsync(['issue', '--ca', 'ca', '--generate-key', '--subject', `CN=busy-${i}`, '--key-out', `busy-${i}.key`, '--cert-out', `busy-${i}.crt`], { cwd: dir, env: CA_ENV })));
    const backup = await runCliAsync(['ca', 'backup', '--ca', 'ca', '--out', 'ca.backup'], { cwd: dir, env: CA_ENV });
    const issued = await issuing;
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toContain('files: ca.db, ca.json, ca.key, ca.crt');
    expect(issued.map((r) => r.status)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(statSync(join(dir, 'ca.backup')).mode & 0o777).toBe(0o600);
    const document = backupDocument('ca.backup');
    expect(Object.keys(document.files).sort()).toEqual(['ca.crt', 'ca.db', 'ca.json', 'ca.key']);
    expect(Buffer.from(document.files['ca.key']!.base64, 'base64').toString('latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    // Never over an existing file.
    expect(expectUserError(iamra(dir, ['ca', 'backup', '--ca', 'ca', '--out', 'ca.backup']), 3)).toContain('already exists');
  });

  it('restores into a new directory: it passes integrity_check, issues, and its CRL lists the earlier revocation', () => {
    const restored = iamra(dir, ['ca', 'restore', 'ca.backup', '--ca', 'restored']);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('subject: CN=Test CA, O=Example');
    expect(sqlite(join(dir, 'restored'), 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite(join(dir, 'restored'), `SELECT count(*) FROM certificates WHERE serial = '${revokedSerial}' AND revoked_at IS NOT NULL`)).toBe('1');
    expect(iamra(dir, ['issue', '--ca', 'restored', '--generate-key', '--subject', 'CN=after-restore', '--key-out', 'after.key', '--cert-out', 'after.crt']).status).toBe(0);
    expect(iamra(dir, ['crl', 'generate', '--ca', 'restored', '--out', 'restored.crl']).status).toBe(0);
    const crl = openssl(['crl', '-in', 'restored.crl', '-noout', '-text'], dir);
    expect(crl.stdout.toUpperCase()).toContain(`SERIAL NUMBER: ${revokedSerial.toUpperCase()}`);
    const verify = openssl(['verify', '-CAfile', 'restored/ca.crt', 'after.crt'], dir);
    expect(verify.stdout.trim()).toBe('after.crt: OK');
  });

  it.each([
    { title: 'a part whose SHA-256 does not match', damage: (d: ReturnType<typeof backupDocument>) => { d.files['ca.crt']!.base64 = Buffer.from('tampered').toString('base64'); }, says: 'ca.crt does not match its SHA-256' },
    { title: 'a database that fails integrity_check', damage: (d: ReturnType<typeof backupDocument>) => corruptDatabase(d), says: 'integrity check' },
    { title: 'another CA\'s key', damage: (d: ReturnType<typeof backupDocument>) => swapKey(d), says: '' },
  ])('refuses $title and leaves no directory', ({ damage, says }) => {
    const document = backupDocument('ca.backup');
    damage(document);
    writeFileSync(join(dir, 'damaged.backup'), JSON.stringify(document));
    const line = expectUserError(iamra(dir, ['ca', 'restore', 'damaged.backup', '--ca', 'refused']), 3);
    expect(line).toContain(says);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('refuses a wrong passphrase and a directory that is not empty', () => {
    expect(expectUserError(iamra(dir, ['ca', 'restore', 'ca.backup', '--ca', 'wrong-pass'], { IAMRA_CA_PASSPHRASE: 'not it' }), 3)).toContain('wrong passphrase');
    expect(existsSync(join(dir, 'wrong-pass'))).toBe(false);
    expect(expectUserError(iamra(dir, ['ca', 'restore', 'ca.backup', '--ca', 'restored']), 3)).toContain('the directory is not empty');
  });
});

function setPart(document: ReturnType<typeof backupDocument>, name: string, data: Buffer): void {
  document.files[name] = { base64: data.toString('base64'), sha256: createHashHex(data) };
}

function createHashHex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Overwrites bytes inside the database's second page (a b-tree page), keeping the header valid. */
function corruptDatabase(document: ReturnType<typeof backupDocument>): void {
  const db = Buffer.from(document.files['ca.db']!.base64, 'base64');
  db.fill(0xff, 4096 + 8, 4096 + 200);
  setPart(document, 'ca.db', db);
}

function swapKey(document: ReturnType<typeof backupDocument>): void {
  const other = tempDir('iamra-backup-other-');
  createCa(other);
  setPart(document, 'ca.key', readFileSync(join(other, 'ca', 'ca.key')));
}
