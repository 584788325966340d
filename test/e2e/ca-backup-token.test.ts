// `ca backup` / `ca restore` of a CA whose key is on a PKCS#11 token (SoftHSM2), on SQLite and on
// PostgreSQL: the backup holds no key, only the key's URI in ca.json, and the restored CA signs
// on the same token (OpenSSL verifies what it issues, and its CRL holds the earlier revocation).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';
import { hasPostgres, startPostgres, ROLE_PASSWORD, type PostgresServer } from '../support/postgres-server.js';
import { createSoftHsmToken, hasSoftHsm, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';

let token: SoftHsmToken;
let dir: string;
let pinFile: string;

beforeAll(() => {
  if (!hasSoftHsm) return;
  token = createSoftHsmToken('backup-token');
  dir = tempDir('iamra-backup-token-');
  pinFile = writeText(dir, 'pin.txt', '1234\n');
  opensslCsr(dir, 'leaf');
});
afterAll(() => token?.remove());

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return iamra(dir, args, { ...token.env, IAMRA_CA_PASSPHRASE: undefined, ...env });
}

function ok(result: ReturnType<typeof cli>) {
  expect([result.status, result.stderr]).toEqual([0, '']);
  return result;
}

interface BackupDocument {
  files: Record<string, { sha256: string; base64: string }>;
}

const backupOf = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BackupDocument;
const serialOf = (stdout: string) => (JSON.parse(stdout) as { serial: string }).serial;

/** A token CA that issued two certificates and revoked one; its backup; the revoked serial. */
function tokenCaWithBackup(name: string, env: Record<string, string | undefined> = {}): { revoked: string } {
  ok(cli(['ca', 'init', '--ca', name, '--subject', `CN=${name},O=Example`, '--key-type', 'ec-p256', '--key', `pkcs11:token=backup-token;object=${name}?pin-source=${pinFile}`, '--pkcs11-lib', SOFTHSM_MODULE], env));
  ok(cli(['issue', '--ca', name, '--csr', 'leaf.csr', '--subject', `CN=${name}-kept`, '--cert-out', `${name}-kept.crt`], env));
  const revoked = serialOf(ok(cli(['issue', '--ca', name, '--csr', 'leaf.csr', '--subject', `CN=${name}-revoked`, '--cert-out', `${name}-revoked.crt`, '--json'], env)).stdout);
  ok(cli(['revoke', '--ca', name, revoked, '--reason', 'keyCompromise'], env));
  ok(cli(['ca', 'backup', '--ca', name, '--out', `${name}.backup`], env));
  return { revoked };
}

/** The backup holds no key material, only the token key's URI (its PIN comes from a file, never a pin-value) in ca.json. */
function expectKeylessBackup(name: string): void {
  const document = backupOf(`${name}.backup`);
  expect(Object.keys(document.files).sort()).toEqual(['ca.crt', 'ca.db', 'ca.json']);
  const config = JSON.parse(Buffer.from(document.files['ca.json']!.base64, 'base64').toString('utf8')) as { key: string; store: string };
  expect(config).toEqual(expect.objectContaining({ store: 'sqlite:ca.db', key: `pkcs11:token=backup-token;object=${name}?pin-source=${pinFile}&module-path=${SOFTHSM_MODULE}` }));
  expect(readFileSync(join(dir, `${name}.backup`), 'latin1')).not.toMatch(/PRIVATE KEY|pin-value/);
}

/** The restored CA signs on the token: a new certificate verifies, and its CRL lists `revoked`. */
function expectRestoredSignsOnToken(restored: string, revoked: string, env: Record<string, string | undefined> = {}): void {
  ok(cli(['issue', '--ca', restored, '--csr', 'leaf.csr', '--subject', `CN=${restored}-after`, '--cert-out', `${restored}-after.crt`], env));
  // With --out the CRL's summary goes to stderr.
  const crl = cli(['crl', 'generate', '--ca', restored, '--out', `${restored}.crl`], env);
  expect(crl.status, crl.stderr).toBe(0);
  const verify = openssl(['verify', '-CAfile', join(restored, 'ca.crt'), '-crl_check', '-CRLfile', `${restored}.crl`, `${restored}-after.crt`], dir);
  expect(verify.stdout.trim(), verify.stderr).toBe(`${restored}-after.crt: OK`);
  const text = openssl(['crl', '-in', `${restored}.crl`, '-noout', '-text'], dir);
  expect(text.stdout.toUpperCase()).toContain(`SERIAL NUMBER: ${revoked.toUpperCase()}`);
}

describe.skipIf(!hasSoftHsm)('ca backup and ca restore of a CA whose key is on a token', () => {
  it('SQLite: the backup holds no key; the restored CA signs on the same token', () => {
    const { revoked } = tokenCaWithBackup('sqlite-token-ca');
    expect(cli(['ca', 'backup', '--ca', 'sqlite-token-ca', '--out', 'again.backup']).stdout).toContain('files: ca.db, ca.json, ca.crt');
    expectKeylessBackup('sqlite-token-ca');
    ok(cli(['ca', 'restore', 'sqlite-token-ca.backup', '--ca', 'sqlite-restored']));
    expectRestoredSignsOnToken('sqlite-restored', revoked);
  });

  describe.skipIf(!hasPostgres)('on PostgreSQL', () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(() => server?.remove());

    it('PostgreSQL: the backup holds no key; restored into SQLite and into a fresh database, each signs on the token', async () => {
      const env = { IAMRA_STORE: await server.createDatabase(), PGPASSWORD: ROLE_PASSWORD };
      const { revoked } = tokenCaWithBackup('pg-token-ca', env);
      expectKeylessBackup('pg-token-ca');
      ok(cli(['ca', 'restore', 'pg-token-ca.backup', '--ca', 'pg-to-sqlite']));
      expectRestoredSignsOnToken('pg-to-sqlite', revoked);
      ok(cli(['ca', 'restore', 'pg-token-ca.backup', '--ca', 'pg-to-pg', '--store', await server.createDatabase()], { PGPASSWORD: ROLE_PASSWORD }));
      expectRestoredSignsOnToken('pg-to-pg', revoked, { PGPASSWORD: ROLE_PASSWORD });
    });
  });
});
