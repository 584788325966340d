// Issue 9: `ca passphrase` re-encrypts ca.key under a new passphrase with ca init's PBES2
// parameters; a wrong old passphrase changes nothing; the new one comes from a file or a variable.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, openssl, PASSPHRASE, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;

beforeAll(() => {
  dir = tempDir('iamra-passphrase-');
  caDir = createCa(dir);
});

const keyBytes = () => readFileSync(join(caDir, 'ca.key'));

describe('issue 9: ca passphrase', () => {
  it('a wrong old passphrase changes nothing', () => {
    const before = { key: keyBytes(), db: dumpDatabase(caDir) };
    const line = expectUserError(iamra(dir, ['ca', 'passphrase', '--ca', 'ca'], { IAMRA_CA_PASSPHRASE: 'wrong', IAMRA_CA_NEW_PASSPHRASE: 'next' }), 3);
    expect(line).toContain('wrong passphrase');
    expect({ key: keyBytes(), db: dumpDatabase(caDir) }).toEqual(before);
  });

  it('with no new passphrase and no terminal it says how to give one, and changes nothing', () => {
    const before = keyBytes();
    expect(expectUserError(iamra(dir, ['ca', 'passphrase', '--ca', 'ca']), 2)).toContain('IAMRA_CA_NEW_PASSPHRASE');
    expect(keyBytes()).toEqual(before);
  });

  it('re-encrypts with the new passphrase from --new-passphrase-file, with the same PBES2 parameters', () => {
    const before = keyBytes();
    writeText(dir, 'new.txt', 'second passphrase\n');
    const changed = iamra(dir, ['ca', 'passphrase', '--ca', 'ca', '--new-passphrase-file', 'new.txt']);
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toContain('changed the passphrase of');
    expect(keyBytes().equals(before)).toBe(false);
    expect(statSync(join(caDir, 'ca.key')).mode & 0o777).toBe(0o600);
    const parsed = openssl(['asn1parse', '-in', 'ca/ca.key'], dir).stdout;
    for (const part of [':PBES2', ':PBKDF2', 'INTEGER           :0927C0', ':hmacWithSHA256', ':aes-256-cbc']) expect(parsed).toContain(part);
    // The key is the same: OpenSSL reads it with the new passphrase and finds the certificate's key.
    const key = openssl(['pkey', '-in', 'ca/ca.key', '-passin', 'pass:second passphrase', '-pubout'], dir);
    const certificateKey = openssl(['x509', '-in', 'ca/ca.crt', '-noout', '-pubkey'], dir);
    expect(key.stdout).toBe(certificateKey.stdout);
    expect(expectUserError(iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=old', '--key-out', 'old.key']), 3)).toContain('wrong passphrase');
    expect(iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=new', '--key-out', 'new.key'], { IAMRA_CA_PASSPHRASE: 'second passphrase' }).status).toBe(0);
    expect(iamra(dir, ['ca', 'audit', '--ca', 'ca']).stdout).toContain('ca.passphrase');
  });

  it('takes the old one from --passphrase-file and the new one from IAMRA_CA_NEW_PASSPHRASE', () => {
    writeText(dir, 'old.txt', 'second passphrase\n');
    const changed = iamra(dir, ['ca', 'passphrase', '--ca', 'ca', '--passphrase-file', 'old.txt'], { IAMRA_CA_PASSPHRASE: undefined, IAMRA_CA_NEW_PASSPHRASE: PASSPHRASE });
    expect(changed.status).toBe(0);
    expect(iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=back', '--key-out', 'back.key']).status).toBe(0);
  });
});
