// `ca backup` of a CA on PostgreSQL and `ca restore` into SQLite or an empty PostgreSQL database,
// through the built CLI: a backup taken while another process issues and revokes is one snapshot
// (no revocation without its certificate, CRL numbers whole), the restored CA lists what the source
// listed and issues; a non-empty database, a tampered file or a wrong passphrase change nothing.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, openssl, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';
import { bareSerial, createNodes, NODE_ENV, readCrl } from '../support/postgres-ca.js';
import { ROLE_PASSWORD, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';

interface BackupDocument {
  tables: Record<string, number>;
  files: Record<string, { sha256: string; base64: string }>;
}

let server: PostgresServer;
let dir: string;
let sourceUrl: string;
let source: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = tempDir('iamra-pg-backup-');
  sourceUrl = await server.createDatabase();
  [source] = createNodes(dir, sourceUrl, 1) as [string];
  opensslCsr(dir, 'w');
});
afterAll(() => server?.remove());

const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCliAsync(args, { cwd: dir, env: { ...NODE_ENV, ...env }, timeoutMs: 120_000 });

function ok(result: CliResult): CliResult {
  if (result.status !== 0 || result.stderr.replace(/^iamra: CRL \d+: [^\n]*\n/, '') !== '') throw new Error(`iamra failed (${result.status}): ${result.stderr}`);
  return result;
}

const readBackup = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BackupDocument;

/** The backup's ca.db in a directory of its own, for the sqlite3 CLI. */
function backupDatabase(name: string): string {
  const at = join(dir, `${name}.db.d`);
  mkdirSync(at);
  writeFileSync(join(at, 'ca.db'), Buffer.from(readBackup(name).files['ca.db']!.base64, 'base64'));
  return at;
}

const pgQuery = <R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> => server.query<R>(url, text);

const listJson = async (ca: string) => JSON.parse(ok(await cli(['list', '--ca', ca, '--json'])).stdout) as Array<{ serial: string; status: string }>;

/** Issues and revokes, generating a CRL each round, until one round has run after `state.stop`. */
async function busyNode(state: { stop: boolean; rounds: number }): Promise<void> {
  for (let isLast = false; !isLast; state.rounds++) {
    isLast = state.stop;
    // A burst of issues (each its own transaction) keeps commits coming while a backup reads.
    const issued = JSON.parse(ok(await cli(['issue', '--ca', source, '--csr', 'w.csr', '--subject', `CN=busy-${state.rounds}`, '--count', '60', '--json'])).stdout) as Array<{ serial: string }>;
    await Promise.all(issued.slice(0, 3).map(async (c) => ok(await cli(['revoke', '--ca', source, c.serial, '--reason', 'superseded']))));
    ok(await cli(['crl', 'generate', '--ca', source]));
  }
}

describe('ca backup of a CA on PostgreSQL', () => {
  it('taken while another process issues and revokes, it is one snapshot; the restored CA\'s CRL holds every revocation in it', async () => {
    const state = { stop: false, rounds: 0 };
    const busy = busyNode(state);
    // Start backing up once the second burst is committing.
    while ((await pgQuery<{ n: number }>(sourceUrl, 'SELECT count(*)::int AS n FROM certificates'))[0]!.n < 65) await new Promise((resolve) => setTimeout(resolve, 50));
    let backups: CliResult[];
    try {
      // Two backups at once, during the second burst; another afterwards.
      backups = await Promise.all(['busy-1.backup', 'busy-2.backup'].map(async (name) => ok(await cli(['ca', 'backup', '--ca', source, '--out', name]))));
      backups.push(ok(await cli(['ca', 'backup', '--ca', source, '--out', 'busy-3.backup'])));
    } finally {
      state.stop = true;
      await busy;
    }
    expect(backups[0]!.stdout).toContain('files: ca.db, ca.json, ca.key, ca.crt');
    const sourceCount = (await pgQuery<{ n: number }>(sourceUrl, 'SELECT count(*)::int AS n FROM certificates'))[0]!.n;
    for (const name of ['busy-1.backup', 'busy-2.backup', 'busy-3.backup']) {
      const db = backupDatabase(name);
      const document = readBackup(name);
      // The writes went on after the backups too: the source holds more than either copy.
      expect(Number(sqlite(db, 'SELECT count(*) FROM certificates'))).toBeLessThan(sourceCount);
      expect(Number(sqlite(db, 'SELECT count(*) FROM certificates'))).toBe(document.tables.certificates);
      // Every revocation in the log has its certificate, revoked, and every certificate its issue entry.
      expect(sqlite(db, "SELECT count(*) FROM audit_log a WHERE a.action = 'certificate.revoke' AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.serial = a.serial AND c.revoked_at IS NOT NULL)")).toBe('0');
      expect(sqlite(db, "SELECT count(*) FROM certificates WHERE revoked_at IS NOT NULL")).toBe(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'certificate.revoke'"));
      expect(sqlite(db, "SELECT count(*) FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.serial = c.serial AND a.action = 'certificate.issue')")).toBe('0');
      expect(sqlite(db, "SELECT count(*) FROM audit_log a WHERE a.action = 'certificate.issue' AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.serial = a.serial)")).toBe('0');
      // CRL numbers 1..N with no gap, each with its audit entry.
      const crls = Number(sqlite(db, 'SELECT count(*) FROM crls'));
      expect(crls).toBeGreaterThan(0);
      expect(sqlite(db, 'SELECT min(crl_number) || \' \' || max(crl_number) FROM crls')).toBe(`1 ${crls}`);
      expect(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'crl.generate'")).toBe(String(crls));

      const restored = `${name}.restored`;
      ok(await cli(['ca', 'restore', name, '--ca', restored]));
      const revoked = sqlite(db, 'SELECT serial FROM certificates WHERE revoked_at IS NOT NULL').split('\n');
      const crl = readCrl(dir, ok(await cli(['crl', 'generate', '--ca', restored])).stdout, join(restored, 'ca.crt'));
      expect(crl.crlNumber).toBe(crls + 1);
      expect([...crl.serials].sort()).toEqual(revoked.map(bareSerial).sort());
    }
  }, 180_000);

  it('restores into SQLite and into a fresh PostgreSQL database: the same listing as the source at the backup, and each issues', async () => {
    const backup = ok(await cli(['ca', 'backup', '--ca', source, '--store', server.withPassword(sourceUrl), '--out', 'still.backup'], { PGPASSWORD: undefined }));
    expect(backup.stdout + readFileSync(join(dir, 'still.backup'), 'utf8')).not.toContain(ROLE_PASSWORD);
    expect(statSync(join(dir, 'still.backup')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readBackup('still.backup').files['ca.key']!.base64, 'base64').toString('latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const listed = await listJson(source);
    const config = JSON.parse(Buffer.from(readBackup('still.backup').files['ca.json']!.base64, 'base64').toString('utf8')) as { store: string; key: string };
    expect(config).toMatchObject({ store: 'sqlite:ca.db', key: 'file:ca.key' });

    const toSqlite = ok(await cli(['ca', 'restore', 'still.backup', '--ca', 'to-sqlite']));
    expect(toSqlite.stdout).toContain(`store: ${join(dir, 'to-sqlite', 'ca.db')}`);
    const freshUrl = await server.createDatabase();
    const toPostgres = ok(await cli(['ca', 'restore', 'still.backup', '--ca', 'to-pg', '--store', server.withPassword(freshUrl)], { PGPASSWORD: undefined }));
    expect(toPostgres.stdout + toPostgres.stderr).not.toContain(ROLE_PASSWORD);
    expect(toPostgres.stdout).toMatch(/^store: postgres:\/\/iamra:\*\*\*@127\.0\.0\.1:\d+\/\w+$/m);
    expect(toPostgres.stdout).toContain('files: ca.key, ca.crt, ca.json');
    expect(existsSync(join(dir, 'to-pg', 'ca.db'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'to-pg', 'ca.json'), 'utf8'))).toMatchObject({ store: freshUrl });

    for (const restored of ['to-sqlite', 'to-pg']) {
      expect(await listJson(restored)).toEqual(listed);
      const issued = JSON.parse(ok(await cli(['issue', '--ca', restored, '--csr', 'w.csr', '--subject', `CN=after-${restored}`, '--cert-out', `${restored}.crt`, '--json'])).stdout) as { serial: string };
      expect(listed.map((c) => c.serial)).not.toContain(issued.serial);
      expect(openssl(['verify', '-CAfile', join(restored, 'ca.crt'), `${restored}.crt`], dir).stdout.trim()).toBe(`${restored}.crt: OK`);
    }
    const audit = JSON.parse(ok(await cli(['ca', 'audit', '--ca', 'to-pg', '--json'])).stdout) as Array<{ action: string }>;
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['ca.restore', 'certificate.issue']);
  }, 120_000);

  it('refuses a PostgreSQL database that holds a CA, with one line, changing neither it nor the directory', async () => {
    const before = { list: await listJson(source), audit: ok(await cli(['ca', 'audit', '--ca', source, '--json'])).stdout };
    const line = expectUserError(await cli(['ca', 'restore', 'still.backup', '--ca', 'onto-source', '--store', server.withPassword(sourceUrl)]), 3);
    expect(line).toMatch(/^iamra: cannot restore into the CA store postgres:\/\/iamra:\*\*\*@127\.0\.0\.1:\d+\/\w+: it already holds CA records\. Give an empty database in --store\.$/);
    expect(existsSync(join(dir, 'onto-source'))).toBe(false);
    expect(await listJson(source)).toEqual(before.list);
    expect(ok(await cli(['ca', 'audit', '--ca', source, '--json'])).stdout).toBe(before.audit);
  });

  it.each([
    { title: 'a tampered part', damage: (d: BackupDocument) => { d.files['ca.db']!.base64 = Buffer.from(d.files['ca.db']!.base64, 'base64').fill(7, 200, 300).toString('base64'); }, code: 3, says: 'ca.db does not match its SHA-256' },
    { title: 'table counts that are not the database\'s', damage: (d: BackupDocument) => { d.tables.certificates = (d.tables.certificates ?? 0) + 1; }, code: 3, says: 'row counts' },
  ])('refuses $title (BACKUP_INVALID) and creates nothing, in the directory or the database', async ({ damage, code, says }) => {
    const document = readBackup('still.backup');
    damage(document);
    writeFileSync(join(dir, 'tampered.backup'), JSON.stringify(document));
    const url = await server.createDatabase();
    for (const store of [[], ['--store', url]]) {
      const line = expectUserError(await cli(['ca', 'restore', 'tampered.backup', '--ca', 'tampered', ...store]), code);
      expect(line).toContain(says);
      expect(existsSync(join(dir, 'tampered'))).toBe(false);
    }
    expect(await pgQuery(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  it('restores a version 1 file written before the table counts existed', async () => {
    const { tables, ...older } = readBackup('still.backup');
    expect(tables.certificates).toBeGreaterThan(0);
    writeFileSync(join(dir, 'older.backup'), JSON.stringify(older));
    ok(await cli(['ca', 'restore', 'older.backup', '--ca', 'from-older', '--store', await server.createDatabase()]));
    expect(await listJson('from-older')).toHaveLength(tables.certificates!);
  });

  it('a wrong passphrase leaves the PostgreSQL database without even the schema', async () => {
    const url = await server.createDatabase();
    const line = expectUserError(await cli(['ca', 'restore', 'still.backup', '--ca', 'wrong-pass', '--store', url], { IAMRA_CA_PASSPHRASE: 'not it' }), 3);
    expect(line).toContain('wrong passphrase');
    expect(existsSync(join(dir, 'wrong-pass'))).toBe(false);
    expect(await pgQuery(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  }, 120_000);
});

describe('ca backup of an SQLite CA restored into PostgreSQL', () => {
  it('(IAMRA_STORE) lists the same, issues, and its CRL holds the earlier revocation', async () => {
    const own = tempDir('iamra-sqlite-to-pg-');
    createCa(own);
    opensslCsr(own, 'w');
    const serials = (JSON.parse(iamra(own, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '3', '--json']).stdout) as Array<{ serial: string }>).map((c) => c.serial);
    expect(iamra(own, ['revoke', '--ca', 'ca', serials[1]!, '--reason', 'keyCompromise']).status).toBe(0);
    const listed = iamra(own, ['list', '--ca', 'ca', '--json']).stdout;
    expect(iamra(own, ['ca', 'backup', '--ca', 'ca', '--out', 'ca.backup']).status).toBe(0);
    const url = await server.createDatabase();
    // The store from IAMRA_STORE, as every CA command takes it.
    const restored = iamra(own, ['ca', 'restore', 'ca.backup', '--ca', 'pg'], { PGPASSWORD: ROLE_PASSWORD, IAMRA_STORE: url });
    expect(restored.stderr).toBe('');
    expect(existsSync(join(own, 'pg', 'ca.db'))).toBe(false);
    const pgEnv = { PGPASSWORD: ROLE_PASSWORD };
    expect(iamra(own, ['list', '--ca', 'pg', '--json'], pgEnv).stdout).toBe(listed);
    expect(iamra(own, ['issue', '--ca', 'pg', '--csr', 'w.csr', '--cert-out', 'after.crt'], pgEnv).status).toBe(0);
    const crl = iamra(own, ['crl', 'generate', '--ca', 'pg'], pgEnv);
    expect(readCrl(own, crl.stdout, join(own, 'pg', 'ca.crt')).serials).toEqual([bareSerial(serials[1]!)]);
  }, 120_000);
});
